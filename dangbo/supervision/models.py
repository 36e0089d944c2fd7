"""Regular supervision (giám sát thường xuyên) by committee members (RULES §6)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.org.models import Unit
from dangbo.people.models import Person


class SupervisionAssignment(models.Model):
    """An area (unit) and field a committee member supervises. Key (person, unit, start)."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("committee member"),
        on_delete=models.PROTECT,
        related_name="supervision_assignments",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("area"), on_delete=models.PROTECT, related_name="supervisors"
    )
    field = models.CharField(_("field"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervision assignment")
        verbose_name_plural = _("supervision assignments")
        ordering = ["person__code", "start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "unit", "start_date"], name="supervision_assignment_key"
            )
        ]

    def __str__(self):
        return f"{self.person.full_name} → {self.unit.name}"


class SupervisionReport(models.Model):
    """A member's written report for a quarter (YYYYQn). Key (person, period)."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("committee member"),
        on_delete=models.PROTECT,
        related_name="supervision_reports",
    )
    period = models.CharField(_("period"), max_length=6)
    submitted_date = models.DateField(_("submitted on"))
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("supervision report")
        verbose_name_plural = _("supervision reports")
        ordering = ["-period", "person__code"]
        constraints = [
            models.UniqueConstraint(fields=["person", "period"], name="supervision_report_key")
        ]

    def __str__(self):
        return f"{self.person.full_name} {self.period}"


def _attachment_path(instance, filename: str) -> str:
    # A random folder: the files are read through the report's screen (which checks the
    # reader's scope), and a path under MEDIA_URL is not to be guessed from a code.
    return f"supervision/{uuid.uuid4().hex}/{filename}"


class SupervisionReportFile(models.Model):
    """A file attached to a report by the member who filed it (under MEDIA_ROOT)."""

    report = models.ForeignKey(
        SupervisionReport,
        verbose_name=_("supervision report"),
        on_delete=models.PROTECT,
        related_name="files",
    )
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))

    # The audit keeps the name and size; the stored path (a FieldFile) is not JSON.
    audit_exclude = ("file",)

    class Meta:
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")
        ordering = ["report", "pk"]

    def __str__(self):
        return self.name
