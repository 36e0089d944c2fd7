"""The back office's imports, run by the task worker (docs/operations.md, "The worker"):
the check of an upload, then the import the user confirmed. Each is safe to run again from
the start, as the worker does after one died on it (dangbo/worker/worker.py): a check writes
nothing, an import writes in one transaction, and a run that already ended is left alone.
"""

import shutil
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from dangbo.interchange import scope_lock
from dangbo.interchange.models import ImportRun
from dangbo.interchange.progress import FileProgress
from dangbo.interchange.services import import_dataset
from dangbo.interchange.uploads import discard_upload, progress_folder


@task()
def check_upload(run_id: int) -> str:
    return _run(run_id)


@task()
def import_upload(run_id: int) -> str:
    return _run(run_id)


def _run(run_id: int) -> str:
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    if not run.is_active:
        return run.status  # ended already: its worker died after it was written
    folder = progress_folder(run)
    shutil.rmtree(folder, ignore_errors=True)  # a killed try's counts
    run.status = ImportRun.Status.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at"])
    try:
        import_dataset(
            Path(run.stored_path),
            actor=run.user,
            dry_run=run.dry_run,
            partial=run.partial,
            via=run.via,
            file_name=run.file_name,
            progress=FileProgress(folder),
            run=run,
        )
    except BaseException:
        scope_lock.mark_stopped(run)
        raise
    finally:
        if not run.dry_run:
            scope_lock.release(run)
        shutil.rmtree(folder, ignore_errors=True)
    if run.dry_run and run.error_count:
        # A check with errors cannot be confirmed: its file is not kept.
        discard_upload(run.stored_path)
        ImportRun.objects.filter(pk=run.pk).update(stored_path="")
    return run.status
