"""A record of every import: who imported which file when, what it did, what it rejected."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A file with a million bad rows still gets a record; the report keeps the first ones.
ERRORS_KEPT = 10_000


class ImportRun(models.Model):
    class Status(models.TextChoices):
        # A run from the back office waits for the worker, then runs there (tasks.py).
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        FAILED = "failed", _("Stopped (nothing written)")
        PREVIEWED = "previewed", _("Previewed (nothing written)")
        DONE = "done", _("Imported")
        PARTIAL = "partial", _("Imported in part")
        REJECTED = "rejected", _("Rejected (nothing written)")

    class Via(models.TextChoices):
        COMMAND = "command", _("Command line")
        SCREEN = "screen", _("Back office")

    # The uuid of the run's audit entries, so its changes can be listed from the log.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    via = models.CharField(_("via"), max_length=16, choices=Via.choices)
    file_name = models.CharField(_("file"), max_length=255)
    stored_path = models.CharField(max_length=1024, blank=True, editable=False)
    dry_run = models.BooleanField(_("dry run"), default=False)
    partial = models.BooleanField(_("partial"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The worker's task (the task backend's id), for a run from the back office.
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    # The check this import confirmed.
    checked = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    counts = models.JSONField(_("counts"), default=dict)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("error report"), default=list)
    warnings = models.JSONField(_("warnings"), default=list)
    # A preview's first rows to be added or changed per file, in words (preview.py).
    preview = models.JSONField(_("preview"), default=list, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.file_name} ({timezone.localtime(self.started_at):%d/%m/%Y %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


ACTIVE = (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)


class ImportLock(models.Model):
    """An import's hold on the part of the unit tree it writes, from its confirmation until
    it ends (interchange/scope_lock.py): two imports into overlapping parts are refused.
    Released, never deleted: the rows say which import held which part when."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="locks")
    # The unit path of the part held ("" for the whole tree, the operator's).
    path = models.CharField(max_length=1024)
    taken_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["path"],
                condition=models.Q(released_at__isnull=True),
                name="one_import_holds_a_part",
            )
        ]

    def __str__(self):
        return f"{self.path or '/'} ({self.run_id})"
