"""One import at a time into each part of the unit tree.

An import from the back office holds the parts of the tree its user may write (the units of
their grants, with their subtrees; the whole tree for the operator) from the moment it is
confirmed until it ends, as ImportLock rows. Another import whose part overlaps (the same
unit, one inside the other) is refused with a message naming the import that holds it;
imports into parts apart (two communes) run side by side.

The check and the insert are one transaction that no other can interleave with, on any
number of app servers and workers: PostgreSQL's table lock in SHARE ROW EXCLUSIVE mode
(which conflicts with itself), SQLite's write lock taken at BEGIN (transaction_mode
IMMEDIATE, dangbo/settings.py). A partial unique index on the held path stays underneath.

A lock whose import can no longer end by itself (its task failed or is gone, e.g. a worker
that died on it once too often) is released when found, and its run marked stopped.
"""

import datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.interchange.models import ACTIVE, ImportLock, ImportRun
from dangbo.org import scope

UNQUEUED_GRACE = datetime.timedelta(minutes=10)


def import_parts(actor) -> list[str]:
    """The unit paths an import by `actor` writes in ("" = the whole tree)."""
    if scope.is_unrestricted(actor) or actor is scope.OPERATOR:
        return [""]
    paths = sorted({reach.path for reach in scope.reaches(actor)})
    return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]


def _overlap(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


@transaction.atomic
def take(*, run: ImportRun, actor) -> ImportRun | None:
    """Hold the parts `run` writes; or, when another import holds one of them, that run
    (and hold nothing)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'LOCK TABLE "{ImportLock._meta.db_table}" IN SHARE ROW EXCLUSIVE MODE')
    parts = import_parts(actor)
    held = ImportLock.objects.filter(released_at=None).exclude(run=run).select_related("run")
    for lock in held:
        if any(_overlap(lock.path, part) for part in parts) and still_running(lock.run):
            return lock.run
    ImportLock.objects.bulk_create(ImportLock(run=run, path=part) for part in parts)
    return None


def release(run: ImportRun) -> None:
    ImportLock.objects.filter(run=run, released_at=None).update(released_at=timezone.now())


def still_running(run: ImportRun) -> bool:
    """Is `run` queued or running, with a task that can still finish it? A run whose task
    failed (or was lost) is marked stopped and its lock released here."""
    if not run.is_active:
        release(run)
        return False
    if not run.task_id:
        # Being queued right now; one that never got its task (the app server died between
        # the two) is let go after a while.
        if timezone.now() - run.started_at < UNQUEUED_GRACE:
            return True
        mark_stopped(run)
        return False
    from django_tasks import default_task_backend
    from django_tasks.base import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    try:
        status = default_task_backend.get_result(run.task_id).status
    except NotImplementedError:  # a backend that keeps no results (immediate): it ran
        return False
    except TaskResultDoesNotExist:
        status = None
    if status in (TaskResultStatus.READY, TaskResultStatus.RUNNING):
        return True
    mark_stopped(run)
    return False


def mark_stopped(run: ImportRun) -> None:
    """The run's task ended without finishing it (nothing of it was written: its writes are
    one transaction)."""
    ImportRun.objects.filter(pk=run.pk, status__in=ACTIVE).update(
        status=ImportRun.Status.FAILED,
        finished_at=timezone.now(),
        error_count=1,
        errors=[
            {
                "file": "",
                "row": 0,
                "column": "",
                "value": "",
                "message": _(
                    "The worker stopped before this import ended; nothing was written. "
                    "Check the file again and confirm it."
                ),
            }
        ],
    )
    run.refresh_from_db()
    release(run)
