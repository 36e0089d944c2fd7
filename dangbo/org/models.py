"""The organization tree with its history (RULES §7).

A unit (đơn vị, tổ chức đảng) is never deleted: it lives from `valid_from` to `valid_to`,
and events (sự kiện: thành lập, đổi tên, sáp nhập, chia tách, chuyển, giải thể) link
predecessors to successors so lineage survives the 2025 reform.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.text import fold


class UnitKind(models.TextChoices):
    PROVINCE_COMMITTEE = "province_committee", _("Province committee")
    DISTRICT_COMMITTEE = "district_committee", _("District committee")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Grassroots committee")
    BRANCH = "branch", _("Branch")
    BOARD = "board", _("Board")
    AGENCY = "agency", _("Agency")
    MASS_ORGANIZATION = "mass_organization", _("Mass organization")
    OTHER = "other", _("Other")


class EventKind(models.TextChoices):
    ESTABLISH = "establish", _("Establishment")
    RENAME = "rename", _("Rename")
    MERGE = "merge", _("Merger")
    SPLIT = "split", _("Split")
    MOVE = "move", _("Move")
    DISSOLVE = "dissolve", _("Dissolution")


PATH_SEP = "/"


class Unit(models.Model):
    """A party organization, board or agency (đơn vị)."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    # Codes of the unit and its ancestors, "/TU-NA/HU-TK/X-DV/": the scope of a user is a
    # prefix match, one indexed query at any depth.
    path = models.CharField(max_length=2048, db_index=True, editable=False)
    search_text = models.CharField(max_length=255, editable=False, default="")

    audit_exclude = ("path", "search_text")

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        # A 64-character code and a 255-character name fold to more than the column holds.
        self.search_text = fold(f"{self.code} {self.name}")[
            : self._meta.get_field("search_text").max_length
        ]
        super().save(*args, **kwargs)

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def depth(self) -> int:
        return self.path.count(PATH_SEP) - 1


class UnitEvent(models.Model):
    """An event in the life of units; natural key (date, kind, sources)."""

    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    sources = models.ManyToManyField(
        Unit, verbose_name=_("units before"), related_name="events_as_source", blank=True
    )
    targets = models.ManyToManyField(
        Unit, verbose_name=_("units after"), related_name="events_as_target", blank=True
    )
    # Space-separated sorted source codes: the natural key the dataset identifies events by.
    source_codes = models.CharField(max_length=1024, editable=False, default="")
    name = models.CharField(_("new name"), max_length=255, blank=True)
    previous_name = models.CharField(_("previous name"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("unit event")
        verbose_name_plural = _("unit events")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "kind", "source_codes"], name="org_unitevent_natural_key"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}: {self.source_codes or '—'}"
