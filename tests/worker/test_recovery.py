"""Which RUNNING tasks a worker hands back to the queue: a dead worker's, never a live one's,
and after the last attempt none (the task is failed instead)."""

import uuid

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dangbo.worker.lease import lease_for
from dangbo.worker.worker import WORKER_DIED, recover_abandoned

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _running(*worker_ids: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [0], "kwargs": {}},
        task_path="dangbo.interchange.tasks.import_upload",
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now(),
        worker_ids=list(worker_ids),
    )


def test_a_dead_workers_task_is_queued_again_and_a_live_ones_is_left():
    alive_id = uuid.uuid4().hex
    lease = lease_for(alive_id)
    lease.acquire()
    try:
        dead = _running("gone")
        busy = _running(alive_id)
        assert recover_abandoned(backend_name="default", own_id="me") == [str(dead.pk)]
    finally:
        lease.release()
    dead.refresh_from_db()
    busy.refresh_from_db()
    assert (dead.status, dead.started_at) == ("READY", None)
    assert busy.status == "RUNNING"


def test_a_task_that_killed_three_workers_is_failed(settings):
    settings.DANGBO_TASK_MAX_ATTEMPTS = 3
    task = _running("one", "two", "three")
    recover_abandoned(backend_name="default")
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == WORKER_DIED


def test_a_worker_restarted_under_its_old_id_takes_back_its_own_task():
    task = _running("same-id")
    assert recover_abandoned(backend_name="default", own_id="same-id") == []
    assert recover_abandoned(backend_name="default", own_id="same-id", starting=True) == [
        str(task.pk)
    ]
