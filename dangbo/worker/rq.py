"""The Redis queue (DANGBO_TASKS_BACKEND=rq), with what django-tasks-rq 0.12 leaves out: a
job whose worker died (SIGKILL, the out-of-memory killer, the machine lost) is run again, as
the database queue's worker does (worker.py).

rq 3.0 already runs a job again when it has retries left: at once when only the work horse
(the forked process running the job) dies, and when the whole worker died, once the job's
heartbeat has lapsed (about 90 s) and a live worker cleans the registries (at its start and
every 10 minutes). django-tasks-rq creates its jobs without retries, so they are failed
instead. `Queue` gives each job DANGBO_TASK_MAX_ATTEMPTS − 1 retries; `Job` takes them away
as soon as the task itself raises, so that, as on the database queue, only a death is
retried, never an error. Both are named in settings.RQ, so `dangbo rqworker default` needs
no class on its command line.
"""

from django.conf import settings
from django_rq.queues import DjangoRQ
from django_tasks_rq.backend import Job as TaskJob
from rq import Retry


class Queue(DjangoRQ):
    def create_job(self, *args, retry: Retry | None = None, **kwargs):
        if retry is None and settings.DANGBO_TASK_MAX_ATTEMPTS > 1:
            retry = Retry(max=settings.DANGBO_TASK_MAX_ATTEMPTS - 1)
        return super().create_job(*args, retry=retry, **kwargs)


class Job(TaskJob):
    def _execute(self):
        try:
            return super()._execute()
        except Exception:
            # An error is the task's answer: run again, it would fail again. The worker
            # reads this object (in the work horse) to decide whether to retry.
            self.retries_left = None
            raise
