"""The organization tree with its history (RULES §7).

A unit (đơn vị, tổ chức đảng) is never deleted: it lives from `valid_from` to `valid_to`,
and events (sự kiện: thành lập, đổi tên, sáp nhập, chia tách, chuyển, giải thể) link
predecessors to successors so lineage survives the 2025 reform.
"""

from django.db import models, transaction
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
# Marks a segment that stands for a unit not yet inserted (its id unknown): see
# provisional_path. Ids are digits and codes hold no "~" (validation.CODE_RE).
PROVISIONAL_MARK = "~"


def build_path(parent_path: str | None, pk: int) -> str:
    """The scope path of unit `pk` under a parent with path `parent_path` (None: a root).

    Ids, not codes: a code is what people type ("X-DONGVAN/LEAK" would have landed inside
    X-DONGVAN's subtree), an id is the unit's identity. Each segment ends with the
    separator, so the subtree of "/1/" is exactly `path.startswith("/1/")`, never "/12/".
    """
    return f"{parent_path or PATH_SEP}{pk}{PATH_SEP}"


def provisional_path(parent_path: str | None, code: str) -> str:
    """The path of a unit not yet inserted: in the right subtree, unique (codes are),
    never a prefix of a stored unit's path; replaced by build_path once the id is known."""
    return f"{parent_path or PATH_SEP}{PROVISIONAL_MARK}{code}{PATH_SEP}"


def path_ids(path: str) -> list[int]:
    """The ids on a path, from the root down to the unit itself."""
    return [int(segment) for segment in path.split(PATH_SEP) if segment]


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
    # Ids of the unit's ancestors and its own, "/1/17/203/" (build_path): the scope of a
    # user is a prefix match, one indexed query at any depth. Unique (one path, one unit).
    path = models.CharField(max_length=2048, db_index=True, editable=False)
    search_text = models.CharField(max_length=255, editable=False, default="")

    audit_exclude = ("path", "search_text")

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["path"], name="org_unit_path_unique")]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        """A new unit's path holds its own id, known only once inserted: it is inserted
        with a provisional path, then given its own (one transaction). A moved unit's path
        and its subtree's are the services' (org.services)."""
        # A 64-character code and a 255-character name fold to more than the column holds.
        self.search_text = fold(f"{self.code} {self.name}")[
            : self._meta.get_field("search_text").max_length
        ]
        if self.pk is not None:
            if not self.path:  # an id given by the caller
                self.path = build_path(self._parent_path(), self.pk)
            super().save(*args, **kwargs)
            return
        parent_path = self._parent_path()
        with transaction.atomic():
            self.path = provisional_path(parent_path, self.code)
            super().save(*args, **kwargs)
            self.path = build_path(parent_path, self.pk)
            Unit.objects.filter(pk=self.pk).update(path=self.path)

    def _parent_path(self) -> str | None:
        # As stored: the caller's parent instance may predate a move of the parent.
        if self.parent_id is None:
            return None
        return Unit.objects.values_list("path", flat=True).get(pk=self.parent_id)

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def depth(self) -> int:
        return self.path.count(PATH_SEP) - 1

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids of the units above this one and its own, from the root down."""
        return path_ids(self.path)


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
