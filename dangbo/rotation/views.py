"""Back-office screens of rotation plans and rotations (luân chuyển cán bộ, RULES §2)."""

from collections import Counter

import django_filters
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button

from dangbo.core.views import (
    DayColumn,
    EndView,
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
)
from dangbo.discipline.facts import as_case
from dangbo.discipline.models import DisciplineCase
from dangbo.org import scope
from dangbo.org.forms import visible_units
from dangbo.org.policy import ADD
from dangbo.people.models import Role
from dangbo.rotation import selectors, services
from dangbo.rotation.forms import (
    PLAN_FIELDS,
    ROTATION_FIELDS,
    PlanEditForm,
    PlanForm,
    RotationEndForm,
    RotationForm,
)
from dangbo.rotation.labels import FINDING_LABELS
from dangbo.rotation.models import Reason, Rotation, RotationPlan
from dangbo.rotation.permissions import rotation_policy
from dangbo.rules import rotation as rules


def finding_lines(rotation: Rotation) -> tuple[list[dict], str]:
    """The findings on a rotation with what they mean, and the rule texts behind them."""
    person = rotation.person
    cases = [
        as_case(c)
        for c in DisciplineCase.objects.select_related("person", "unit").filter(person=person)
    ]
    codes = services.findings_for(rotation)
    rule = rules.rotation_rule(
        services.as_rotation(rotation),
        birth_date=person.birth_date,
        gender=person.gender,
        person_cases=cases,
    )
    lines = [
        {
            "code": code,
            "label": FINDING_LABELS.get(code, code),
            "overridden": code in services.BLOCKING and bool(rotation.override_reason),
        }
        for code in codes
    ]
    return lines, rule


# --- plans -------------------------------------------------------------------------------


class PlanCreateView(ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.plan_record(
            actor=self.request.user,
            code=data["code"],
            name=data["name"],
            unit=data["unit"],
            kind=data.get("kind") or "",
            start_year=data.get("start_year"),
            end_year=data.get("end_year"),
        )


class PlanEditView(ScopedEditView):
    def get_form_class(self):
        return PlanEditForm

    def save_instance(self):
        data = self.form.cleaned_data
        return services.plan_update(
            actor=self.request.user,
            plan=self.object,
            name=data["name"],
            kind=data.get("kind") or "",
            start_year=data.get("start_year"),
            end_year=data.get("end_year"),
            evaluation=data.get("evaluation") or "",
            expected_version=self.expected_version,
        )


class PlanInspectView(ScopedInspectView):
    """A plan's page: its rotations (those the user may see) and the counts by post."""

    template_name = "rotation/plan_inspect.html"

    def get_extra_header_buttons(self):
        if rotation_policy.can(self.request.user, ADD, self.object.unit):
            url = reverse("rotation:add") + f"?plan={self.object.pk}"
            yield Button(_("Add rotation"), url=url, icon_name="plus", priority=5)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rotations = list(
            selectors.rotation_list_visible_to(user=self.request.user)
            .filter(plan=self.object)
            .order_by("start_date", "code")
        )
        roles = dict(Role.choices)
        by_role = Counter(r.to_role for r in rotations)
        by_title = Counter(r.to_title for r in rotations if r.to_title)
        context.update(
            rotations=rotations,
            by_role=[(roles.get(k, k), n) for k, n in sorted(by_role.items())],
            by_title=sorted(by_title.items()),
        )
        return context


class PlanViewSet(ScopedViewSet):
    model = RotationPlan
    icon = "date"
    name = "rotation_plan"
    menu_label = gettext_lazy("Rotation plans")
    form_fields = PLAN_FIELDS
    list_display = [
        "name",
        "code",
        "kind",
        Column("unit", label=capfirst(gettext_lazy("committee")), accessor="unit.name"),
        "start_year",
        "end_year",
    ]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None
    list_export = ["code", "name", "kind", "unit.code", "start_year", "end_year", "evaluation"]
    export_headings = {"unit.code": gettext_lazy("committee")}
    export_filename = "rotation-plans"
    add_view_class = PlanCreateView
    edit_view_class = PlanEditView
    inspect_view_class = PlanInspectView

    def get_form_class(self, for_update=False):
        return PlanForm


# --- rotations ---------------------------------------------------------------------------


class RotationFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("to unit (and below)"),
        queryset=lambda request: visible_units(request.user if request else None),
        method="filter_unit",
    )
    reason = django_filters.ChoiceFilter(label=gettext_lazy("reason"), choices=Reason.choices)
    to_role = django_filters.ChoiceFilter(label=gettext_lazy("to role"), choices=Role.choices)
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[("current", gettext_lazy("Under way")), ("ended", gettext_lazy("Ended"))],
        method="filter_status",
    )

    class Meta:
        model = Rotation
        fields = ["plan", "reason", "to_role"]

    def filter_unit(self, queryset, name, value):
        return scope.in_subtree(queryset, "to_unit", value)

    def filter_status(self, queryset, name, value):
        if value == "current":
            return queryset.filter(end_date__isnull=True)
        if value == "ended":
            return queryset.filter(end_date__isnull=False)
        return queryset


class RotationIndexView(ScopedIndexView):
    folded_search_field = "person__search_text"
    end_url_name = "rotation:end"
    end_label = gettext_lazy("End rotation")


class RotationCreateView(ScopedCreateView):
    """Records a rotation; a refused promotion bar is shown on the override reason field."""

    def get_initial(self):
        initial = super().get_initial()
        plan = self.visible_from_url("plan", selectors.plan_list_visible_to(user=self.request.user))
        if plan:
            initial["plan"] = plan
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return services.rotation_record(
            actor=self.request.user,
            code=data["code"],
            person=data["person"],
            plan=data.get("plan"),
            from_unit=data.get("from_unit"),
            from_role=data.get("from_role") or "",
            to_unit=data["to_unit"],
            to_role=data["to_role"],
            to_title=data.get("to_title") or "",
            reason=data.get("reason") or "",
            start_date=data["start_date"],
            planned_months=data["planned_months"],
            override_reason=data.get("override_reason") or "",
        )


class RotationInspectView(ScopedInspectView):
    """A rotation's page: the findings of the rules, with an override shown beside its finding."""

    template_name = "rotation/rotation_inspect.html"

    def get_extra_header_buttons(self):
        if self.object.end_date is None and self.can_change(self.object):
            url = reverse("rotation:end", args=(quote(self.object.pk),))
            yield Button(_("End rotation"), url=url, icon_name="calendar", priority=35)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["findings"], context["rule"] = finding_lines(self.object)
        return context


class RotationEndView(EndView):
    page_title = gettext_lazy("End rotation")
    form_class = RotationEndForm
    intro = gettext_lazy("The rotation ends on this day; write how it went.")
    success_message = gettext_lazy("'%(object)s' ended on %(day)s.")

    def get_initial(self):
        return {**super().get_initial(), "evaluation": self.object.evaluation}

    def form_valid(self, form):
        self.evaluation = form.cleaned_data.get("evaluation") or ""
        return super().form_valid(form)

    def end(self, instance, last_day, expected_version):
        services.rotation_end(
            actor=self.request.user,
            rotation=instance,
            end_date=last_day,
            evaluation=self.evaluation,
            expected_version=expected_version,
        )


class RotationViewSet(ScopedViewSet):
    model = Rotation
    icon = "resubmit"
    name = "rotation"
    menu_label = gettext_lazy("Rotations")
    edit_enabled = False  # ended with an evaluation; a wrong one is a new record
    form_fields = ROTATION_FIELDS
    list_display = [
        "code",
        Column("person", label=capfirst(gettext_lazy("person")), accessor="person.full_name"),
        Column("to_unit", label=capfirst(gettext_lazy("to unit")), accessor="to_unit.name"),
        "to_role",
        "to_title",
        DayColumn("start_date", label=capfirst(gettext_lazy("start date")), sort_key="start_date"),
        "planned_months",
        DayColumn("end_date", label=capfirst(gettext_lazy("end date")), sort_key="end_date"),
    ]
    filterset_class = RotationFilterSet
    search_fields = ["code"]  # makes the listing searchable; searched by the person's name
    search_backend_name = None
    list_export = [
        "code",
        "person.code",
        "person.full_name",
        "plan.code",
        "from_unit.code",
        "from_role",
        "to_unit.code",
        "to_unit.name",
        "to_role",
        "to_title",
        "reason",
        "start_date",
        "planned_months",
        "end_date",
        "evaluation",
        "override_reason",
    ]
    export_headings = {
        "person.code": gettext_lazy("person code"),
        "person.full_name": gettext_lazy("full name"),
        "plan.code": gettext_lazy("plan"),
        "from_unit.code": gettext_lazy("from unit"),
        "to_unit.code": gettext_lazy("to unit"),
        "to_unit.name": gettext_lazy("to unit"),
    }
    export_filename = "rotations"
    index_view_class = RotationIndexView
    add_view_class = RotationCreateView
    inspect_view_class = RotationInspectView
    end_view_class = RotationEndView

    def get_form_class(self, for_update=False):
        return RotationForm


class RotationGroup(ViewSetGroup):
    menu_label = gettext_lazy("Rotation")
    menu_icon = "resubmit"
    menu_order = 300
    items = (PlanViewSet, RotationViewSet)
