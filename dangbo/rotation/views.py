"""Back-office screens of rotation plans and rotations (luân chuyển cán bộ, RULES §2)."""

import hashlib
import json

import django_filters
from django.core.exceptions import PermissionDenied
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
    OpenClosedFilter,
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
    StageActionView,
    SubtreeUnitFilter,
)
from dangbo.org.policy import ADD, DECIDE
from dangbo.people.models import Role
from dangbo.reports.charts import screens as charts
from dangbo.rotation import selectors, services
from dangbo.rotation.forms import (
    PLAN_FIELDS,
    ROTATION_FIELDS,
    PlanEditForm,
    PlanForm,
    PlanSendBackForm,
    RotationEditForm,
    RotationEndForm,
    RotationForm,
)
from dangbo.rotation.models import PlanStatus, Reason, Rotation, RotationPlan
from dangbo.rotation.permissions import rotation_policy


def findings_token(data: dict, lines: list[dict]) -> str:
    """What the user confirmed: the entries the findings were computed on, and the findings.
    Changing either shows the findings again before saving."""
    keys = ("person", "to_role", "from_role", "reason", "start_date", "planned_months")
    seen = [(k, str(getattr(data.get(k), "pk", data.get(k)))) for k in keys]
    seen += [("finding", line["code"]) for line in lines]
    return hashlib.sha256(json.dumps(seen).encode()).hexdigest()[:24]


class FindingsBeforeSavingMixin:
    """Shows what the rules find on the rotation as entered (RULES §2) and asks to confirm
    before it is saved; a rotation without a finding is saved at once."""

    findings = None

    def draft_rotation(self, data) -> Rotation:
        raise NotImplementedError

    def form_valid(self, form):
        draft = self.draft_rotation(form.cleaned_data)
        try:
            lines, rule = selectors.finding_lines(user=self.request.user, rotation=draft)
        except PermissionError as error:
            raise PermissionDenied from error
        token = findings_token(form.cleaned_data, lines)
        if lines and self.request.POST.get("findings_seen") != token:
            self.findings = {"lines": lines, "rule": rule, "token": token}
            return self.render_to_response(self.get_context_data(form=form))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending_findings"] = self.findings
        return context


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
    """A plan's page: its status, its rotations (those the user may see) and the counts by
    key post, computed from the rotations."""

    template_name = "rotation/plan_inspect.html"

    def get_extra_header_buttons(self):
        plan = self.object
        if not plan.is_approved and rotation_policy.can(self.request.user, ADD, plan.unit):
            url = reverse("rotation:add") + f"?plan={plan.pk}"
            yield Button(_("Add rotation"), url=url, icon_name="plus", priority=5)
        from dangbo.reports.views import document_url_for  # reports reads rotation

        if url := document_url_for(self.request.user, "rotation-plan", plan=plan.pk):
            yield Button(_("Make a document"), url=url, icon_name="doc-full", priority=6)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.plan_summary(user=self.request.user, plan=self.object))
        context["chart"] = charts.rotation_plan(context["rotations"])
        return context


class PlanDecisionView(StageActionView):
    """The standing committee's decision on a plan (DECIDE in rotation/permissions.py), on a
    page that shows the plan and its counts."""

    model = RotationPlan
    right = DECIDE
    record_arg = "plan"
    template_name = "rotation/plan_decision.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.plan_summary(user=self.request.user, plan=self.object))
        return context


class PlanApproveView(PlanDecisionView):
    service = services.plan_approve
    from_statuses = (PlanStatus.DRAFT,)
    page_title = gettext_lazy("Approve plan")
    submit_label = gettext_lazy("Approve")
    button_priority = 6
    intro = gettext_lazy(
        "The standing committee approves this plan. Its rotations can then no longer be added "
        "or changed (they can still be ended with their evaluation) unless the plan is sent "
        "back to draft."
    )
    success_message = gettext_lazy("'%(object)s' is approved.")


class PlanSendBackView(PlanDecisionView):
    """Sends a draft or an approved plan back to the office, with a reason."""

    service = services.plan_send_back
    service_fields = ("reason",)
    form_class = PlanSendBackForm
    page_title = gettext_lazy("Send back")
    submit_label = gettext_lazy("Send back")
    header_icon = button_icon = "undo"
    button_priority = 7
    intro = gettext_lazy(
        "The plan goes back to the organization office as a draft, with your reason; an "
        "approved plan loses its approval."
    )
    success_message = gettext_lazy("'%(object)s' is sent back to the office.")


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
        "status",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["name"]
    search_backend_name = None
    list_export = ["code", "name", "kind", "unit.code", "start_year", "end_year", "evaluation"]
    export_headings = {"unit.code": gettext_lazy("committee")}
    export_filename = "rotation-plans"
    add_view_class = PlanCreateView
    edit_view_class = PlanEditView
    inspect_view_class = PlanInspectView
    action_views = {"approve": PlanApproveView, "send_back": PlanSendBackView}

    def get_form_class(self, for_update=False):
        return PlanForm


# --- rotations ---------------------------------------------------------------------------


class RotationFilterSet(WagtailFilterSet):
    unit = SubtreeUnitFilter("to_unit", label=gettext_lazy("to unit (and below)"))
    reason = django_filters.ChoiceFilter(label=gettext_lazy("reason"), choices=Reason.choices)
    to_role = django_filters.ChoiceFilter(label=gettext_lazy("to role"), choices=Role.choices)
    # A rotation planned to start later is under way too: it has not ended.
    status = OpenClosedFilter(
        end_field="end_date", start_field=None, open_label=gettext_lazy("Under way")
    )

    class Meta:
        model = Rotation
        fields = ["plan", "reason", "to_role"]


class RotationIndexView(ScopedIndexView):
    folded_search_field = "person__search_text"


def draft_from(data, **identity) -> Rotation:
    """The rotation as entered, unsaved, for the rules to check."""
    return Rotation(
        person=data.get("person") or identity.get("person"),
        code=data.get("code") or identity.get("code") or "",
        plan=data.get("plan"),
        from_unit=data.get("from_unit"),
        from_role=data.get("from_role") or "",
        to_unit=data.get("to_unit"),
        to_role=data.get("to_role"),
        to_title=data.get("to_title") or "",
        reason=data.get("reason") or "",
        start_date=data.get("start_date"),
        planned_months=data.get("planned_months"),
        override_reason=data.get("override_reason") or identity.get("override_reason", ""),
    )


class RotationCreateView(FindingsBeforeSavingMixin, ScopedCreateView):
    """Records a rotation after showing what the rules find on it; a refused promotion bar is
    shown on the override reason field."""

    template_name = "rotation/rotation_create.html"

    def draft_rotation(self, data):
        return draft_from(data)

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


class RotationEditView(FindingsBeforeSavingMixin, ScopedEditView):
    """Corrects a rotation through `services.rotation_update` (audited, version checked),
    after showing what the rules find on it as corrected."""

    template_name = "rotation/rotation_edit.html"

    def get_form_class(self):
        return RotationEditForm

    def draft_rotation(self, data):
        rotation = self.object
        return draft_from(
            data,
            person=rotation.person,
            code=rotation.code,
            override_reason=rotation.override_reason,
        )

    def save_instance(self):
        data = self.form.cleaned_data
        return services.rotation_update(
            actor=self.request.user,
            rotation=self.object,
            changes={field: data.get(field) for field in services.EDITABLE},
            override_reason=data.get("override_reason") or "",
            expected_version=self.expected_version,
        )


class RotationInspectView(ScopedInspectView):
    """A rotation's page: the findings of the rules, with an override shown beside its finding."""

    template_name = "rotation/rotation_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["findings"], context["rule"] = selectors.finding_lines(
            user=self.request.user, rotation=self.object
        )
        return context


class RotationEndView(EndView):
    service = services.rotation_end
    record_arg = "rotation"
    service_fields = ("end_date", "evaluation")
    end_field = "end_date"
    page_title = gettext_lazy("End rotation")
    form_class = RotationEndForm
    intro = gettext_lazy("The rotation ends on this day; write how it went.")

    def get_initial(self):
        return {**super().get_initial(), "evaluation": self.object.evaluation}


class RotationViewSet(ScopedViewSet):
    model = Rotation
    icon = "resubmit"
    name = "rotation"
    menu_label = gettext_lazy("Rotations")
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
    edit_view_class = RotationEditView
    inspect_view_class = RotationInspectView
    action_views = {"end": RotationEndView}

    def get_form_class(self, for_update=False):
        return RotationEditForm if for_update else RotationForm


class RotationGroup(ViewSetGroup):
    menu_label = gettext_lazy("Rotation")
    menu_icon = "resubmit"
    menu_order = 300
    items = (PlanViewSet, RotationViewSet)
