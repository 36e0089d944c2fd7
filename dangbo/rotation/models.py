"""Rotation plans and rotations (luân chuyển cán bộ, RULES §2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Overridable
from dangbo.org.models import Unit
from dangbo.people.models import Person, Role


class PlanKind(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    TERM = "term", _("Five-year term")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Reason(models.TextChoices):
    DEVELOPMENT = "development", _("Training and development")
    TERM_LIMIT = "term_limit", _("Term limit")
    NON_LOCAL = "non_local", _("Non-local appointment")


class RotationPlan(models.Model):
    """An annual or five-year plan (kế hoạch luân chuyển) of a committee."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=PlanKind.choices, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rotation_plans",
    )
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    evaluation = models.TextField(_("evaluation at the end"), blank=True)
    # The standing committee's approval (Ban Thường vụ phê duyệt): a screen workflow, kept
    # out of the dataset like the approval of rating rounds (docs/interchange.md).
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_back_reason = models.TextField(_("reason for sending back"), blank=True)

    class Meta:
        verbose_name = _("rotation plan")
        verbose_name_plural = _("rotation plans")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED


class Rotation(Overridable):
    code = models.CharField(_("code"), max_length=64, unique=True)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="rotations"
    )
    plan = models.ForeignKey(
        RotationPlan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rotations",
    )
    from_unit = models.ForeignKey(
        Unit,
        verbose_name=_("from unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rotations_out",
    )
    from_role = models.CharField(_("from role"), max_length=16, choices=Role.choices, blank=True)
    to_unit = models.ForeignKey(
        Unit, verbose_name=_("to unit"), on_delete=models.PROTECT, related_name="rotations_in"
    )
    to_role = models.CharField(_("to role"), max_length=16, choices=Role.choices)
    to_title = models.CharField(_("to title"), max_length=255, blank=True)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices, blank=True)
    start_date = models.DateField(_("start date"))
    planned_months = models.PositiveSmallIntegerField(_("planned months"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)

    class Meta:
        verbose_name = _("rotation")
        verbose_name_plural = _("rotations")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}: {self.person.full_name}"
