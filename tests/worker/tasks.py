"""Tasks for the worker tests (imported by the worker processes from the repository)."""

import os
import time
from pathlib import Path

from django.db import transaction
from django_tasks import task


@task()
def write_then_wait(code: str, started: str, go: str) -> str:
    """Add a unit inside a transaction, say so (with the id of the process running it), and
    wait for `go` before committing: a process killed meanwhile must leave no unit behind."""
    from dangbo.org.models import Unit, UnitKind

    with transaction.atomic():
        Unit.objects.create(code=code, name=code, kind=UnitKind.OTHER)
        Path(started).write_text(str(os.getpid()))
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


@task()
def fail(tries: str) -> None:
    """Count a try in the file `tries`, then raise: an error, not a death."""
    with open(tries, "a") as count:
        count.write("try\n")
    raise ValueError("the task's own error")
