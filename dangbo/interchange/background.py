"""Queueing the back office's imports for the worker (tasks.py): a check of each upload,
then, once the user confirms, the import, refused while another import holds an
overlapping part of the tree (scope_lock.py)."""

import logging
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.interchange import scope_lock
from dangbo.interchange.models import ImportRun

logger = logging.getLogger(__name__)


class ImportRefused(Exception):
    """Another import holds a part of the tree this one writes; the message says which."""


def queue_check(*, actor, dataset: Path, file_name: str) -> ImportRun:
    run = ImportRun.objects.create(
        user=actor,
        via=ImportRun.Via.SCREEN,
        file_name=file_name,
        stored_path=str(dataset),
        dry_run=True,
        status=ImportRun.Status.QUEUED,
        started_at=timezone.now(),
    )
    from dangbo.interchange.tasks import check_upload

    _enqueue(check_upload, run)
    return run


def queue_import(*, actor, preview: ImportRun) -> ImportRun:
    """The import of a checked upload, queued; raises ImportRefused when another import
    into an overlapping part of the tree is queued or running."""
    with transaction.atomic():
        locked = ImportRun.objects.select_for_update().get(pk=preview.pk)
        if locked.status != ImportRun.Status.PREVIEWED or not locked.stored_path:
            raise ImportRefused(_("This check was confirmed already, or its file is gone."))
        run = ImportRun.objects.create(
            user=actor,
            via=ImportRun.Via.SCREEN,
            file_name=locked.file_name,
            stored_path=locked.stored_path,
            status=ImportRun.Status.QUEUED,
            started_at=timezone.now(),
            checked=locked,
        )
        holder = scope_lock.take(run=run, actor=actor)
        if holder is not None:
            raise ImportRefused(_refusal(holder))  # and the run above is rolled back
        # A check is confirmed once; its file now belongs to the import.
        locked.stored_path = ""
        locked.save(update_fields=["stored_path"])
    from dangbo.interchange.tasks import import_upload

    _enqueue(import_upload, run)
    return run


def _refusal(holder: ImportRun) -> str:
    return _(
        "Another import into the same units is under way: %(file)s, by %(user)s, since "
        "%(when)s. Wait until it ends (see the list of imports), then confirm again."
    ) % {
        "file": holder.file_name,
        "user": holder.user.get_full_name() or holder.user.get_username()
        if holder.user
        else _("the operator (command line)"),
        "when": timezone.localtime(holder.started_at).strftime("%H:%M %d/%m/%Y"),
    }


def _enqueue(task, run: ImportRun) -> None:
    """After the run is committed (a Redis worker may take the task at once)."""
    try:
        result = task.enqueue(run.pk)
    except Exception:
        logger.exception("Import run %s could not be queued", run.pk)
        scope_lock.mark_stopped(run)
        return
    ImportRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
    run.task_id = str(result.id)
