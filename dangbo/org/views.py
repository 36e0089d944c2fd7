"""Back-office screens of the organization tree: units, the tree as of a date, events."""

import django_filters
from django.http import Http404
from django.urls import path, reverse
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

from dangbo.core.dates import vn_date_or_dash
from dangbo.core.views import (
    DayColumn,
    EndView,
    OpenClosedFilter,
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
)
from dangbo.org import selectors, services
from dangbo.org.forms import AsOfForm, NewUnitFormSet, UnitEditForm, UnitEventForm, UnitForm
from dangbo.org.models import Unit, UnitEvent, UnitKind
from dangbo.org.permissions import unit_policy
from dangbo.org.policy import VIEW

# --- units -------------------------------------------------------------------------------


class UnitFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("kind"), choices=UnitKind.choices)
    status = OpenClosedFilter(
        end_field="valid_to",
        start_field="valid_from",
        open_label=gettext_lazy("In existence today"),
    )

    class Meta:
        model = Unit
        fields = ["kind"]


class UnitIndexView(ScopedIndexView):
    folded_search_field = "search_text"


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
        context.update(selectors.unit_page(user=self.request.user, unit=self.object))
        context["lists"] = unit_list_links(self.request.user, self.object)
        return context


def unit_list_links(user, unit) -> list[tuple[str, str]]:
    """(label, url) of the lists filtered to the unit and its sub-units that the user reads:
    its members, its posts."""
    from dangbo.org.policy import policy_for
    from dangbo.people.models import Person, Position

    wanted = [
        (Person, "person:index", _("Members of this unit and its sub-units")),
        (Position, "position:index", _("Posts in this unit and its sub-units")),
    ]
    return [
        (label, f"{reverse(url_name)}?unit={unit.pk}")
        for model, url_name, label in wanted
        if policy_for(model).may(user, VIEW)
    ]


class UnitEndView(EndView):
    end_field = "valid_to"
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
    action_views = {"end": UnitEndView}

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
        context["visible_ids"] = selectors.event_units_visible(
            user=self.request.user, event=self.object
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
