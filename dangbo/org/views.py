"""Back-office screens of the organization tree: units, the tree as of a date, events."""

import django_filters
from django.contrib.admin.utils import quote
from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.widgets.button import Button

from dangbo.core.dates import vn_date_or_dash
from dangbo.core.views import (
    DayColumn,
    EndView,
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
)
from dangbo.org import selectors, services
from dangbo.org.forms import AsOfForm, NewUnitFormSet, UnitEditForm, UnitEventForm, UnitForm
from dangbo.org.models import Unit, UnitEvent, UnitKind
from dangbo.org.permissions import unit_event_policy, unit_policy
from dangbo.org.policy import VIEW
from dangbo.people.selectors import position_list_visible_to

# --- units -------------------------------------------------------------------------------


class UnitFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("kind"), choices=UnitKind.choices)
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[("current", gettext_lazy("In existence today")), ("ended", gettext_lazy("Ended"))],
        method="filter_status",
    )

    class Meta:
        model = Unit
        fields = ["kind"]

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == "current":
            return queryset.filter(selectors.valid_on(today))
        if value == "ended":
            return queryset.filter(valid_to__lt=today)
        return queryset


class UnitIndexView(ScopedIndexView):
    folded_search_field = "search_text"
    end_url_name = "unit:end"
    end_field = "valid_to"


class UnitCreateView(ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.unit_create(
            actor=self.request.user,
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            parent=data.get("parent"),
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
        )


class UnitEditView(ScopedEditView):
    def get_form_class(self):
        return UnitEditForm

    def save_instance(self):
        data = self.form.cleaned_data
        return services.unit_update(
            actor=self.request.user,
            unit=self.object,
            name=data["name"],
            kind=data["kind"],
            parent=data.get("parent"),
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
            expected_version=self.expected_version,
        )


class UnitInspectView(ScopedInspectView):
    """The unit's page: its record, place in the tree, posts, events and lineage."""

    template_name = "org/unit_inspect.html"

    def get_extra_header_buttons(self):
        if self.can_change(self.object) and self.object.valid_to is None:
            url = reverse("unit:end", args=(quote(self.object.pk),))
            yield Button(_("End"), url=url, icon_name="calendar", priority=35)

    @cached_property
    def header_buttons(self):
        """Beside "Edit": other apps' daily actions on a unit (a helper body's "record help
        progress"), in sight rather than in the "more" menu."""
        buttons = list(super().header_buttons)
        for buttons_for in hooks.get_hooks("dangbo_unit_header_buttons"):
            buttons.extend(buttons_for(self.request, self.object))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        user = self.request.user
        visible = selectors.unit_list_visible_to(user=user)
        lineage_back = selectors.lineage(unit, direction="back")
        lineage_forward = selectors.lineage(unit, direction="forward")
        # Events only for the roles that read them (docs/roles.md: not a helper body).
        shows_events = unit_event_policy.may(user, VIEW)
        events = list(selectors.unit_events_of(unit)) if shows_events else []
        # Units named on the page link to their own page only when the user may open it.
        mentioned = {unit.parent_id}
        for step in [*lineage_back, *lineage_forward]:
            mentioned.update(u.pk for u in step.units)
        for event in events:
            mentioned.update(u.pk for u in [*event.sources.all(), *event.targets.all()])
        context.update(
            unit=unit,
            parent=unit.parent,
            visible_ids=set(visible.filter(pk__in=mentioned).values_list("pk", flat=True)),
            children=visible.filter(parent=unit).order_by("code"),
            positions=position_list_visible_to(user=user)
            .filter(unit=unit)
            .order_by("-start_date", "pk"),
            events=events,
            lineage_back=lineage_back,
            lineage_forward=lineage_forward,
        )
        return context


class UnitEndView(EndView):
    intro = gettext_lazy(
        "The unit ends on this day (the last day it exists). Its sub-units must have ended "
        "by then. Nothing is deleted: its history, posts and events stay."
    )

    def end(self, instance, last_day, expected_version):
        services.unit_end(
            actor=self.request.user,
            unit=instance,
            valid_to=last_day,
            expected_version=expected_version,
        )


class UnitViewSet(ScopedViewSet):
    model = Unit
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Units")
    name = "unit"
    form_fields = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_display = [
        "name",
        "code",
        "kind",
        Column("parent", label=capfirst(gettext_lazy("parent unit")), accessor="parent.name"),
        DayColumn("valid_from", label=capfirst(gettext_lazy("valid from")), sort_key="valid_from"),
        DayColumn("valid_to", label=capfirst(gettext_lazy("valid to")), sort_key="valid_to"),
    ]
    filterset_class = UnitFilterSet
    search_fields = ["name"]  # makes the listing searchable; the search itself is folded
    search_backend_name = None
    list_export = ["code", "name", "kind", "parent.code", "valid_from", "valid_to"]
    export_headings = {"parent.code": gettext_lazy("parent unit")}
    export_filename = "units"
    index_view_class = UnitIndexView
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    inspect_view_class = UnitInspectView
    end_view_class = UnitEndView

    def get_form_class(self, for_update=False):
        return UnitEditForm if for_update else UnitForm


# --- the tree as of a date ---------------------------------------------------------------


class UnitTreeView(WagtailAdminTemplateMixin, TemplateView):
    """The visible units valid on a date, nested, each under its name on that date."""

    template_name = "org/unit_tree.html"
    page_title = gettext_lazy("Unit tree")
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not unit_policy.may(request.user, VIEW):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AsOfForm(self.request.GET or None)
        as_of = form.day()
        if not form.is_bound:
            form = AsOfForm(initial={"as_of": as_of})
        context.update(
            form=form,
            as_of=as_of,
            as_of_display=vn_date_or_dash(as_of),
            roots=selectors.unit_tree(user=self.request.user, as_of=as_of),
        )
        return context


class UnitTreeViewSet(ViewSet):
    name = "unit_tree"
    icon = "site"
    menu_label = gettext_lazy("Unit tree")

    def get_urlpatterns(self):
        return [path("", UnitTreeView.as_view(), name="index")]

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem as AdminMenuItem

        class TreeMenuItem(AdminMenuItem):
            def is_shown(self, request):
                return unit_policy.may(request.user, VIEW)

        return TreeMenuItem


# --- events ------------------------------------------------------------------------------


def unit_names(units) -> str:
    return ", ".join(u.name for u in units) or "—"


class UnitEventIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("sources", "targets")

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            if field == "target_codes":
                row[field] = " ".join(sorted(u.code for u in item.targets.all()))
            else:
                row[field] = self.export_value(item, field)
        return row


class UnitEventCreateView(ScopedCreateView):
    """Records an event; the formset below the form lists units the event creates."""

    template_name = "org/unit_event_create.html"

    def get_formset(self):
        if not hasattr(self, "_formset"):
            data = self.request.POST if self.request.method == "POST" else None
            self._formset = NewUnitFormSet(
                data, prefix="new", form_kwargs={"user": self.request.user}
            )
        return self._formset

    def is_valid(self, form):
        valid = form.is_valid()
        valid = self.get_formset().is_valid() and valid
        if not valid:
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
        return valid

    def save_instance(self):
        data = self.form.cleaned_data
        new_units = [
            services.NewUnit(
                code=row["code"], name=row["name"], kind=row["kind"], parent=row.get("parent")
            )
            for row in self.get_formset().cleaned_data
            if row.get("code")
        ]
        return services.unit_event_record(
            actor=self.request.user,
            day=data["date"],
            kind=data["kind"],
            sources=list(data.get("sources") or []),
            targets=list(data.get("targets") or []),
            new_units=new_units,
            name=data.get("name") or "",
            note=data.get("note") or "",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["new_units"] = self.get_formset()
        return context


class UnitEventInspectView(ScopedInspectView):
    template_name = "org/unit_event_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["visible_ids"] = set(
            selectors.unit_list_visible_to(user=self.request.user)
            .filter(Q(events_as_source=self.object) | Q(events_as_target=self.object))
            .values_list("pk", flat=True)
        )
        return context


class UnitEventViewSet(ScopedViewSet):
    model = UnitEvent
    icon = "history"
    menu_label = gettext_lazy("Unit events")
    name = "unit_event"
    edit_enabled = False  # an event is history: record a new one to correct it
    form_fields = ["date", "kind", "sources", "targets", "name", "note"]
    list_display = [
        "__str__",
        DayColumn("date", label=capfirst(gettext_lazy("date")), sort_key="date"),
        "kind",
        Column(
            "sources",
            label=capfirst(gettext_lazy("units before")),
            accessor=lambda e: unit_names(e.sources.all()),
        ),
        Column(
            "targets",
            label=capfirst(gettext_lazy("units after")),
            accessor=lambda e: unit_names(e.targets.all()),
        ),
        "name",
    ]
    list_filter = ["kind"]
    list_export = ["date", "kind", "source_codes", "target_codes", "name", "previous_name", "note"]
    export_headings = {
        "source_codes": gettext_lazy("units before"),
        "target_codes": gettext_lazy("units after"),
    }
    export_filename = "unit-events"
    index_view_class = UnitEventIndexView
    add_view_class = UnitEventCreateView
    inspect_view_class = UnitEventInspectView

    def get_form_class(self, for_update=False):
        return UnitEventForm


class OrganizationGroup(ViewSetGroup):
    menu_label = gettext_lazy("Organization")
    menu_icon = "group"
    menu_order = 200
    items = (UnitViewSet, UnitTreeViewSet, UnitEventViewSet)
