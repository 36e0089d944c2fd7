"""The task workers that ran here: one row per worker process, its heartbeat and its end."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerBeat(models.Model):
    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("machine"), max_length=255)
    pid = models.PositiveIntegerField(_("process"))
    backend_name = models.CharField(_("queue backend"), max_length=32)
    started_at = models.DateTimeField(_("started at"))
    beat_at = models.DateTimeField(_("last heartbeat"))
    # The task it is running now (empty between tasks): a long import beats only around it.
    task_id = models.CharField(_("current task"), max_length=64, blank=True)
    # Set when the worker stopped on a signal; a killed worker never sets it (its lease,
    # dangbo/worker/lease.py, says it is gone).
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["-beat_at"]

    def __str__(self):
        return f"{self.hostname}:{self.pid} ({self.worker_id})"
