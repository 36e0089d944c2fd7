"""Discipline cases (kỷ luật) for persons and units, with complaints (RULES §4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.org.models import Unit
from dangbo.people.models import Person


class SubjectKind(models.TextChoices):
    PERSON = "person", _("Person")
    UNIT = "unit", _("Unit")


class Form(models.TextChoices):
    """Hình thức kỷ luật (69-QĐ/TW)."""

    KHIEN_TRACH = "khien_trach", _("Reprimand (khiển trách)")
    CANH_CAO = "canh_cao", _("Warning (cảnh cáo)")
    CACH_CHUC = "cach_chuc", _("Removal from post (cách chức)")
    KHAI_TRU = "khai_tru", _("Expulsion (khai trừ)")
    GIAI_TAN = "giai_tan", _("Dissolution (giải tán)")


class Category(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    NO_LIMIT = "no_limit", _("No limitation period")


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    ANNULLED = "annulled", _("Decision annulled")
    CHANGED = "changed", _("Replaced by another decision")


class DisciplineCase(models.Model):
    """A case against a person or a unit, from violation to expiry.

    It opens at the ideological-work step, before any decision (Tân Kỳ practice): `form`,
    `decided_date` and `announced_date` stay empty until the decision and its announcement
    are recorded, each step through its own service (`services.case_decide`, ...).
    `unit` is always set: the subject unit, or the unit the person belonged to at the
    decision; it places the case in the tree for scope and for the published lists.
    """

    code = models.CharField(_("code"), max_length=64, unique=True)
    subject_kind = models.CharField(_("subject"), max_length=8, choices=SubjectKind.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discipline_cases",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="discipline_cases"
    )
    violation_date = models.DateField(_("violation date"))
    form = models.CharField(_("form"), max_length=16, choices=Form.choices, blank=True)
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.ORDINARY
    )
    # The Tân Kỳ practice: ideological work with the person before the decision.
    ideological_work_date = models.DateField(_("ideological work on"), null=True, blank=True)
    ideological_work_note = models.TextField(_("ideological work"), blank=True)
    decided_date = models.DateField(_("decision date"), null=True, blank=True)
    decided_by = models.CharField(_("deciding body"), max_length=255, blank=True)
    announced_date = models.DateField(_("announcement date"), null=True, blank=True)
    complaint_date = models.DateField(_("complaint filed on"), null=True, blank=True)
    complaint_resolved_date = models.DateField(_("complaint resolved on"), null=True, blank=True)
    complaint_outcome = models.CharField(
        _("complaint outcome"), max_length=16, choices=ComplaintOutcome.choices, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("discipline case")
        verbose_name_plural = _("discipline cases")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["person", "announced_date"]),
            models.Index(fields=["unit", "announced_date"]),
            models.Index(fields=["announced_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject_kind="unit", person__isnull=True)
                | models.Q(subject_kind="person", person__isnull=False),
                name="discipline_case_subject",
            )
        ]

    def __str__(self):
        if not self.form:
            return f"{self.code}: {_('not decided yet')}"
        return f"{self.code}: {self.get_form_display()}"

    @property
    def subject_code(self) -> str:
        return self.person.code if self.person_id else self.unit.code
