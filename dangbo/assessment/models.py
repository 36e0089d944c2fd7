"""Grassroots surveys and the bodies assigned to help weak units (RULES §3)."""

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from dangbo.org.models import Unit


class Level(models.TextChoices):
    WEAK = "weak", _("Weak")
    AVERAGE = "average", _("Average")
    GOOD = "good", _("Good")


class HelperRole(models.TextChoices):
    LEAD = "lead", _("Lead (chủ trì)")
    SUPPORT = "support", _("Support (phối hợp)")


class Assessment(models.Model):
    """A yearly survey score (khảo sát, đánh giá) of a unit. Natural key (year, unit)."""

    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="assessments"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-year", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="assessment_natural_key"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="assessment_score_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.unit.name} {self.year}: {number_format(self.score, use_l10n=True)}"


class Assistance(models.Model):
    """A body (helper) assigned to help a unit. Natural key (unit, helper, start_date)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit helped"), on_delete=models.PROTECT, related_name="helped_by"
    )
    helper = models.ForeignKey(
        Unit, verbose_name=_("helper"), on_delete=models.PROTECT, related_name="helping"
    )
    role = models.CharField(_("role"), max_length=16, choices=HelperRole.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    plan = models.TextField(_("help plan"), blank=True)

    class Meta:
        verbose_name = _("assistance")
        verbose_name_plural = _("assistance")
        ordering = ["unit__code", "start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "helper", "start_date"], name="assistance_natural_key"
            )
        ]

    def __str__(self):
        return f"{self.helper.name} → {self.unit.name}"


class AssistanceProgress(models.Model):
    """A yearly progress note of a helper on the unit it helps."""

    assistance = models.ForeignKey(
        Assistance, verbose_name=_("assistance"), on_delete=models.PROTECT, related_name="progress"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("progress"))

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["assistance", "year"]
        constraints = [
            models.UniqueConstraint(fields=["assistance", "year"], name="progress_one_per_year")
        ]

    def __str__(self):
        return f"{self.assistance} {self.year}"
