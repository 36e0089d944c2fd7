"""Yearly classification (xếp loại chất lượng) of units and persons (RULES §5)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import Overridable
from dangbo.org.models import Unit
from dangbo.people.models import Person


class Level(models.TextChoices):
    XUAT_SAC = "xuat_sac", _("Excellently fulfilled duties")
    TOT = "tot", _("Well fulfilled duties")
    HOAN_THANH = "hoan_thanh", _("Fulfilled duties")
    KHONG_HOAN_THANH = "khong_hoan_thanh", _("Failed to fulfil duties")


class SubjectKind(models.TextChoices):
    PERSON = "person", _("Person")
    UNIT = "unit", _("Unit")


class Rating(models.Model):
    """One subject's level for a year. Natural key (year, subject_kind, subject).

    `unit` is always set: the rated unit, or the unit of the rated person; it places the
    rating in the tree for scope and for approval by round.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    subject_kind = models.CharField(_("subject"), max_length=8, choices=SubjectKind.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="ratings"
    )
    group = models.CharField(_("group"), max_length=64)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-year", "group", "unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "person"],
                condition=models.Q(subject_kind="person"),
                name="rating_person_once_a_year",
            ),
            models.UniqueConstraint(
                fields=["year", "unit"],
                condition=models.Q(subject_kind="unit"),
                name="rating_unit_once_a_year",
            ),
            models.CheckConstraint(
                condition=models.Q(subject_kind="unit", person__isnull=True)
                | models.Q(subject_kind="person", person__isnull=False),
                name="rating_subject",
            ),
        ]

    def __str__(self):
        subject = self.person.full_name if self.person_id else self.unit.name
        return f"{subject} {self.year}: {self.get_level_display()}"

    @property
    def subject_code(self) -> str:
        return self.person.code if self.person_id else self.unit.code


class RatingGroup(models.Model):
    """A kept group of subjects with similar duties (RULES §5: the quota is counted in each).

    Ratings store the group's `code` (INTERCHANGE.md's `group` column); people read its
    name. A group is never deleted: it is closed with the last year it is offered in.
    """

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.PositiveSmallIntegerField(
        _("first year"), null=True, blank=True, help_text=_("Empty: offered from any year.")
    )
    valid_to = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, help_text=_("Empty: still offered.")
    )

    class Meta:
        verbose_name = _("rating group")
        verbose_name_plural = _("rating groups")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def offered_in(self, year: int | None) -> bool:
        if year is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")


class RatingRound(Overridable):
    """A year's ratings in a unit's subtree, in stages: a draft kept by the organization
    office, submitted for approval, then approved by the standing committee or sent back
    to draft with a reason. A submitted or approved round closes its ratings to edits."""

    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="rating_rounds"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT
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
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    returned_reason = models.TextField(_("reason for sending back"), blank=True)

    class Meta:
        verbose_name = _("rating round")
        verbose_name_plural = _("rating rounds")
        ordering = ["-year", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="rating_round_once_a_year")
        ]

    def __str__(self):
        return f"{self.unit.name} {self.year}"
