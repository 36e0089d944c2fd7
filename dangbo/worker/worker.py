"""The database queue's worker, with what django-tasks-db 0.13 leaves out: a task whose
worker died (SIGKILL, a crash, the machine lost) is run again.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: a
killed worker's task stays RUNNING for ever. Here each worker holds a lease for its life
(lease.py) and, before it claims a task, hands the RUNNING tasks whose worker's lease is gone
back to the queue (READY), or marks them failed once they have been tried
DANGBO_TASK_MAX_ATTEMPTS times, so a task that kills its worker cannot loop. A task run again
starts from the beginning: the tasks of this project write in one transaction (the killed
one was rolled back by the database) and are safe to repeat.

The worker is one thread: the import's check beside (dangbo/interchange/beside.py) forks, and
forks only a process without other threads.
"""

import contextlib
import logging
import os
import random
import socket
import time

from django.conf import settings
from django.db import OperationalError, close_old_connections
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from dangbo.worker import lease as leases
from dangbo.worker.models import WorkerBeat

logger = logging.getLogger("dangbo.worker")

WORKER_DIED = "dangbo.worker.WorkerDied"


def recover_abandoned(*, backend_name: str, own_id: str = "", starting: bool = False) -> list[str]:
    """Give the RUNNING tasks of dead workers back to the queue (or fail them after the last
    attempt). Returns their ids. Safe to run from several workers at once: each change is
    made only if the task is still as it was read. `starting`: the tasks under `own_id` are
    a previous life's (a worker restarted with the same --worker-id)."""
    recovered = []
    running = DBTaskResult.objects.running().filter(backend_name=backend_name)
    for task in running.only("id", "worker_ids", "started_at"):
        last = task.worker_ids[-1] if task.worker_ids else ""
        if not last:
            continue
        if last == own_id:
            if not starting:
                continue
        elif leases.is_alive(last):
            continue
        same = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if len(task.worker_ids) >= settings.DANGBO_TASK_MAX_ATTEMPTS:
            changed = same.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=WORKER_DIED,
                traceback=f"The worker died {len(task.worker_ids)} times running this task.",
            )
        else:
            changed = same.update(status=TaskResultStatus.READY, started_at=None)
        if changed:
            if last != own_id:
                leases.forget(last)
            WorkerBeat.objects.filter(worker_id=last, stopped_at=None).update(task_id="")
            logger.warning(
                "Task id=%s: its worker %s died; %s.",
                task.pk,
                last,
                "failed"
                if len(task.worker_ids) >= settings.DANGBO_TASK_MAX_ATTEMPTS
                else "queued again",
            )
            recovered.append(str(task.pk))
    return recovered


class LeasedWorker(Worker):
    def beat(self, *, task_id: str = "", force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - getattr(self, "_beaten", 0) < _beat_every():
            return
        if not self.lease.held():
            # Without its lease another worker would take this one's next task for a dead
            # one's: stop, and let the service manager start a worker with a new lease.
            logger.error("Worker %s lost its lease; stopping.", self.worker_id)
            raise SystemExit(1)
        try:
            WorkerBeat.objects.filter(worker_id=self.worker_id).update(
                beat_at=timezone.now(), task_id=task_id
            )
            self._beaten = now
        except OperationalError as error:  # SQLite busy with an import: beat next time
            if not is_locked_database_exception(error):
                raise

    def run(self) -> None:
        self.lease = leases.lease_for(self.worker_id)
        self.lease.acquire()
        now = timezone.now()
        _when_unlocked(
            lambda: WorkerBeat.objects.update_or_create(
                worker_id=self.worker_id,
                defaults={
                    "hostname": socket.gethostname(),
                    "pid": os.getpid(),
                    "backend_name": self.backend_name,
                    "started_at": now,
                    "beat_at": now,
                    "task_id": "",
                    "stopped_at": None,
                },
            ),
            self.interval,
        )
        _when_unlocked(
            lambda: recover_abandoned(
                backend_name=self.backend_name, own_id=self.worker_id, starting=True
            ),
            self.interval,
        )
        self._beaten = time.monotonic()
        logger.info(
            "Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names)
        )
        try:
            if self.startup_delay and self.interval:
                time.sleep(random.random())  # noqa: S311 - workers started together spread out
            self._loop()
        finally:
            # Its lease, gone with it, says it stopped even when this cannot be written.
            with contextlib.suppress(OperationalError):
                WorkerBeat.objects.filter(worker_id=self.worker_id).update(
                    stopped_at=timezone.now(), task_id=""
                )
            self.lease.release()

    def _loop(self) -> None:
        while self.running:
            close_old_connections()
            self.beat()
            try:
                recover_abandoned(backend_name=self.backend_name, own_id=self.worker_id)
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
            task_result, retrieved = self._claim()
            if task_result is not None:
                self.beat(task_id=str(task_result.pk), force=True)
                self.run_task(task_result)
                self.beat(force=True)
            if self.batch and retrieved and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)

    def _claim(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as error:
            if is_locked_database_exception(error):
                return None, False
            raise
        return task_result, True


def _when_unlocked(write, interval: float):
    """`write()`, tried again while SQLite is locked by another process's long transaction."""
    while True:
        try:
            return write()
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise
            time.sleep(max(interval, 0.2))


def _beat_every() -> float:
    return max(1.0, settings.DANGBO_WORKER_BEAT_SECONDS / 3)
