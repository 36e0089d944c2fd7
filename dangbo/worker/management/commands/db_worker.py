"""`dangbo db_worker`: django-tasks-db's worker command, run by dangbo/worker/worker.py's
worker (a dead worker's task is run again; a heartbeat for /healthz?worker=1)."""

import logging
import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from dangbo.worker.worker import LeasedWorker


class Command(db_worker.Command):
    help = "Run the database queue's worker (docs/operations.md, 'The worker')."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # The reloader runs the worker in a second thread, where the import's check beside
        # cannot fork (dangbo/interchange/beside.py): off unless asked for.
        parser.set_defaults(reload=False)

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        ours = logging.getLogger("dangbo.worker")
        ours.setLevel(db_worker.logger.level)
        if not ours.hasHandlers():
            ours.addHandler(logging.StreamHandler(self.stdout))
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasedWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
