"""People (đảng viên, cán bộ) and their dated posts (chức vụ) in units."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.text import fold
from dangbo.org.models import Unit


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Role(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy")
    MEMBER = "member", _("Member")


class Person(models.Model):
    code = models.CharField(_("code"), max_length=64, unique=True)
    full_name = models.CharField(_("full name"), max_length=255)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    ethnicity = models.CharField(_("ethnicity"), max_length=64, blank=True)
    hometown = models.CharField(_("home town"), max_length=255, blank=True)
    party_join_date = models.DateField(_("party join date"), null=True, blank=True)
    party_official_date = models.DateField(_("party official date"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("current unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    search_text = models.CharField(max_length=400, editable=False, default="", db_index=True)

    audit_exclude = ("search_text",)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["code"]

    def __str__(self):
        return f"{self.full_name} ({self.code})"

    def save(self, *args, **kwargs):
        self.search_text = person_search_text(self.code, self.full_name)
        super().save(*args, **kwargs)


def person_search_text(code: str, full_name: str) -> str:
    return fold(f"{code} {full_name}")


class Position(models.Model):
    """A post held by a person in a unit between two dates; ended, never overwritten.

    Natural key: (person, unit, role, start_date).
    """

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="positions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="positions"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["person__code", "start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "unit", "role", "start_date"], name="people_position_natural_key"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="people_position_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["unit", "role", "start_date"])]

    def __str__(self):
        label = self.title or self.get_role_display()
        return f"{label} — {self.unit.name}"
