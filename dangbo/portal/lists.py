"""The published discipline lists on the sub-sites (RULES §4): a page of the committee's
sub-site for each list its inspection commission approved, under "Công bố kỷ luật".

The page is written by the publication service only (`dangbo.discipline.services`), from the
list's record: no one types or edits its content in the admin, and a correction of a case in
it publishes a new revision, marked corrected with its day (earlier revisions stay in the
page's history). It carries the public fields alone (`selectors.PUBLIC_FIELDS`).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, PagePermissionTester, Site

from dangbo.core.errors import InputError, Problem
from dangbo.discipline import services
from dangbo.discipline.models import Form
from dangbo.discipline.selectors import public_rows
from dangbo.portal.text import page_slug

INDEX_SLUG = "cong-bo-ky-luat"


class RecordPagePermissionTester(PagePermissionTester):
    """A page written from the records: it has no field to type (no panels), and nobody
    publishes, copies, moves or locks it in the admin, so no revision made there goes live;
    the operator alone may unpublish or delete it. Its editors read its history (revisions,
    compared), which Wagtail shows to those who may edit it."""

    def can_copy(self):
        return False

    def can_move(self):
        return False

    def can_lock(self):
        return False

    def can_publish(self):
        return False

    def can_unpublish(self):
        return self.user.is_active and self.user.is_superuser and super().can_unpublish()

    def can_delete(self, ignore_bulk=False):
        return self.user.is_active and self.user.is_superuser and super().can_delete(ignore_bulk)


class DisciplineListIndexPage(Page):
    """The sub-site's "Công bố kỷ luật": the lists published on it, newest period first."""

    intro = models.TextField(gettext_lazy("introduction"), blank=True)

    parent_page_types = ["portal.PortalHomePage"]
    subpage_types = ["portal.DisciplineListPage"]
    is_creatable = False  # made by the first publication
    template = "portal/discipline_list_index_page.html"

    class Meta:
        verbose_name = gettext_lazy("published discipline lists")
        verbose_name_plural = gettext_lazy("published discipline lists")

    def permissions_for_user(self, user):
        return IndexPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lists"] = (
            DisciplineListPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-last_day", "first_day", "issuing_body")
        )
        return context


class IndexPagePermissionTester(PagePermissionTester):
    """The index holds the lists: only the operator deletes or moves it."""

    def can_delete(self, ignore_bulk=False):
        return self.user.is_active and self.user.is_superuser and super().can_delete(ignore_bulk)

    def can_move(self):
        return self.can_delete(ignore_bulk=True)


class DisciplineListPage(Page):
    """One published list: a committee's decisions announced in a period (RULES §4)."""

    issuing_body = models.CharField(gettext_lazy("committee"), max_length=255)
    first_day = models.DateField(gettext_lazy("first day"))
    last_day = models.DateField(gettext_lazy("last day"))
    period_label = models.CharField(gettext_lazy("period"), max_length=100)
    approved_by_body = models.CharField(gettext_lazy("approved by"), max_length=255)
    approved_on = models.DateField(gettext_lazy("approved on"), null=True, blank=True)
    rows = models.JSONField(gettext_lazy("rows"), default=list, blank=True)
    corrections = models.JSONField(gettext_lazy("corrections"), default=list, blank=True)

    # Nothing to type: the page is written from the list's record.
    content_panels: list = []
    promote_panels: list = []
    settings_panels: list = []

    parent_page_types = ["portal.DisciplineListIndexPage"]
    subpage_types: list[str] = []
    is_creatable = False
    template = "portal/discipline_list_page.html"

    class Meta:
        verbose_name = gettext_lazy("published discipline list")
        verbose_name_plural = gettext_lazy("published discipline lists")

    def permissions_for_user(self, user):
        return RecordPagePermissionTester(user, self)

    @property
    def corrected_on(self) -> date | None:
        return date.fromisoformat(self.corrections[-1]["on"]) if self.corrections else None

    def display_rows(self) -> list[dict]:
        return [
            {
                **row,
                "form_label": form_label(row.get("form")),
                "decided_date": _day(row.get("decided_date")),
            }
            for row in self.rows
        ]

    def correction_notes(self) -> list[dict]:
        """Each correction, newest first: its day and what it changed, in words."""
        return [
            {"on": date.fromisoformat(c["on"]), "lines": [change_text(x) for x in c["changes"]]}
            for c in reversed(self.corrections)
        ]


def _day(value):
    return date.fromisoformat(value) if value else None


def form_label(code) -> str:
    return str(Form(code).label) if code in Form.values else (code or "")


def _shown(field: str, value) -> str:
    if field == "form":
        return form_label(value)
    if field == "decided_date":
        return _day(value).strftime("%d/%m/%Y") if value else "—"
    return value or "—"


def field_label(field: str) -> str:
    return {
        "name": _("name"),
        "unit": _("unit"),
        "form": _("form"),
        "decided_date": _("decision date"),
        "decided_by": _("deciding body"),
    }[field]


def change_text(change: dict) -> str:
    """One change of a correction as a sentence: added, removed, or field: before → after."""
    who = change["name"] + (f" ({change['unit']})" if change.get("unit") else "")
    if change["kind"] == "added":
        return _("Added: %(who)s, %(form)s.") % {"who": who, "form": form_label(change["form"])}
    if change["kind"] == "removed":
        return _("Removed from the list: %(who)s.") % {"who": who}
    parts = [
        _("%(field)s: %(before)s → %(after)s")
        % {"field": field_label(f), "before": _shown(f, old), "after": _shown(f, new)}
        for f, old, new in change["fields"]
    ]
    return f"{who}: " + "; ".join(parts) + "."


# --- where a list is published ---------------------------------------------------------------


def site_for_unit(unit) -> Site:
    """The sub-site a committee's lists go on: the site whose unit is the committee or one of
    its bodies (the Ban Tổ chức of the Tỉnh ủy has the Tỉnh ủy's site). A committee that has
    ended (the district dissolved on 1/7/2025) publishes on the site of the nearest committee
    above that has one: the committee that took over its records."""
    from dangbo.org.models import Unit, UnitKind
    from dangbo.portal.models import PortalSettings

    candidate = unit
    while candidate is not None:
        own = PortalSettings.objects.filter(unit=candidate).select_related("site").first()
        body = (
            PortalSettings.objects.filter(unit__parent=candidate, unit__kind=UnitKind.BOARD)
            .select_related("site")
            .order_by("pk")
            .first()
        )
        if own or body:
            return (own or body).site
        if candidate.valid_to is None or candidate.parent_id is None:
            break
        candidate = Unit.objects.filter(pk=candidate.parent_id).first()
    raise InputError(
        [
            Problem(
                "",
                _(
                    "%(unit)s has no public sub-site: set it as the unit of its sub-site's "
                    "settings first."
                )
                % {"unit": unit.name},
            )
        ]
    )


def _index(home: Page, user) -> DisciplineListIndexPage:
    index = DisciplineListIndexPage.objects.child_of(home).first()
    if index is None:
        index = DisciplineListIndexPage(
            title=_("Published discipline lists"),
            slug=INDEX_SLUG,
            intro=_(
                "Every six months and every year, the decisions of discipline announced in "
                "the period, as approved by the inspection commission. Generated from the "
                "records."
            ),
        )
        home.add_child(instance=index)
        index.save_revision(user=user).publish(user=user, skip_permission_checks=True)
        index.refresh_from_db()
    return index


def publish_list_page(*, published_list, actor) -> DisciplineListPage:
    """Write `published_list` (approved, or corrected) as a new revision of its page, and
    publish it: the page is created under its sub-site's "Công bố kỷ luật" the first time."""
    user = actor if getattr(actor, "pk", None) else None
    unit = published_list.unit
    with translation.override(settings.LANGUAGE_CODE):
        period = str(published_list.period_label)
        page = (
            DisciplineListPage.objects.filter(pk=published_list.page_id).first()
            if published_list.page_id
            else None
        )
        if page is None:
            home = site_for_unit(unit).root_page
            index = _index(home, user)
            title = _("Discipline list, %(period)s — %(committee)s") % {
                "period": period,
                "committee": unit.name,
            }
            page = DisciplineListPage(
                title=title,
                slug=page_slug(f"{period} {unit.name}"),
                issuing_body=unit.name,
                first_day=published_list.first_day,
                last_day=published_list.last_day,
                period_label=period,
                approved_by_body=_("Inspection commission of %(committee)s")
                % {"committee": unit.name},
            )
            index.add_child(instance=page)
        approved = published_list.approved_at
        page.approved_on = timezone.localdate(approved) if approved else None
        page.rows = public_rows(published_list.rows)
        page.corrections = list(published_list.corrections)
        revision = page.save_revision(user=user, log_action=True)
        revision.publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page


services.register_list_publisher(publish_list_page)
