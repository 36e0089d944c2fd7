"""Tasks for the worker tests (imported by the worker processes from the repository)."""

import time
from pathlib import Path

from django.db import transaction
from django_tasks import task


@task()
def write_then_wait(code: str, started: str, go: str) -> str:
    """Add a unit inside a transaction, say so, and wait for `go` before committing: a
    worker killed meanwhile must leave no unit behind."""
    from dangbo.org.models import Unit, UnitKind

    with transaction.atomic():
        Unit.objects.create(code=code, name=code, kind=UnitKind.OTHER)
        Path(started).touch()
        while not Path(go).exists():
            time.sleep(0.05)
    return code


@task()
def wait_then_write(code: str, started: str, go: str) -> str:
    """Wait for `go`, then add a unit: a long task that holds no transaction meanwhile (on
    SQLite an open write transaction stops every other writer)."""
    from dangbo.org.models import Unit, UnitKind

    Path(started).touch()
    while not Path(go).exists():
        time.sleep(0.05)
    Unit.objects.create(code=code, name=code, kind=UnitKind.OTHER)
    return code


@task()
def threads() -> int:
    import threading

    return threading.active_count()
