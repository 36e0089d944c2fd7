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
    finished_at = models.DateTimeField(_("finished at"))
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
