"""Discipline cases (kỷ luật) for persons and units, with complaints (RULES §4)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
            # Not an f-string: makemessages cannot read a gettext call inside one.
            undecided = _("not decided yet")
            return f"{self.code}: {undecided}"
        return f"{self.code}: {self.get_form_display()}"

    @property
    def subject_code(self) -> str:
        return self.person.code if self.person_id else self.unit.code


class ListPeriod(models.TextChoices):
    """The periods of the published lists (RULES §4): each half-year and the whole year."""

    FIRST_HALF = "H1", _("First six months (January–June)")
    SECOND_HALF = "H2", _("Last six months (July–December)")
    YEAR = "Y", _("Whole year")


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", pgettext_lazy("discipline list", "Published")


def period_days(year: int, period: str) -> tuple[date, date]:
    """The first and last day of a list's period."""
    if period == ListPeriod.FIRST_HALF:
        return date(year, 1, 1), date(year, 6, 30)
    if period == ListPeriod.SECOND_HALF:
        return date(year, 7, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


class PublishedList(models.Model):
    """The list of decisions announced in a period in a committee's tree (danh sách kỷ luật
    công bố, RULES §4): generated from the cases as a draft, approved by the committee's
    inspection commission, then published as a page of the committee's sub-site.

    `rows` is a snapshot of the public fields only (name, unit, form, decision date,
    deciding body; the case's id to follow it), computed by
    `selectors.list_rows`, never typed; `corrections` are the changes made to a published
    list when a case in it was corrected, each with its day.
    """

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="published_discipline_lists",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=2, choices=ListPeriod.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ListStatus.choices, default=ListStatus.DRAFT
    )
    rows = models.JSONField(_("rows"), default=list, blank=True)
    generated_at = models.DateTimeField(_("generated at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    corrections = models.JSONField(_("corrections"), default=list, blank=True)
    # The portal page it is published as (the portal's page type, found by id).
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("public page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("discipline list")
        verbose_name_plural = _("discipline lists")
        ordering = ["-year", "period", "unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "period"], name="discipline_list_once_a_period"
            )
        ]

    def __str__(self):
        return f"{self.unit.name} — {self.period_label}"

    @property
    def first_day(self) -> date:
        return period_days(self.year, self.period)[0]

    @property
    def last_day(self) -> date:
        return period_days(self.year, self.period)[1]

    @property
    def period_label(self) -> str:
        if self.period == ListPeriod.FIRST_HALF:
            return _("first six months of %(year)s") % {"year": self.year}
        if self.period == ListPeriod.SECOND_HALF:
            return _("last six months of %(year)s") % {"year": self.year}
        return _("year %(year)s") % {"year": self.year}

    @property
    def corrected_on(self) -> date | None:
        return date.fromisoformat(self.corrections[-1]["on"]) if self.corrections else None
