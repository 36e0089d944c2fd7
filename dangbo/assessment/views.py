"""Back-office screens of grassroots surveys and the help given to weak units (RULES §3)."""

import django_filters
from django.http import Http404
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from dangbo.assessment import selectors, services
from dangbo.assessment.forms import (
    ASSESSMENT_FIELDS,
    ASSISTANCE_FIELDS,
    AssessmentEditForm,
    AssessmentForm,
    AssistanceForm,
    ProgressForm,
)
from dangbo.assessment.labels import FINDING_LABELS
from dangbo.assessment.models import Assessment, Assistance, HelperRole, Level
from dangbo.assessment.permissions import assessment_policy
from dangbo.core.views import (
    DayColumn,
    EndView,
    ScopedActionView,
    ScopedCreateView,
    ScopedEditView,
    ScopedInspectView,
    ScopedViewSet,
    SubtreeUnitFilter,
)
from dangbo.reports.charts import screens as charts
from dangbo.rules import assistance as rules

# --- surveys -----------------------------------------------------------------------------


class AssessmentFilterSet(WagtailFilterSet):
    unit = SubtreeUnitFilter("unit")
    level = django_filters.ChoiceFilter(label=gettext_lazy("level"), choices=Level.choices)

    class Meta:
        model = Assessment
        fields = ["year", "level"]


class AssessmentCreateView(ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.assessment_record(
            actor=self.request.user, year=data["year"], unit=data["unit"], score=data["score"]
        )


class AssessmentEditView(ScopedEditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.assessment_record(
            actor=self.request.user,
            year=self.object.year,
            unit=self.object.unit,
            score=data["score"],
        )


class AssessmentInspectView(ScopedInspectView):
    """A survey's page: for a weak unit, the helpers it must have and the finding if not."""

    template_name = "assessment/assessment_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.assessment_page(user=self.request.user, assessment=self.object))
        return context


class AssessmentViewSet(ScopedViewSet):
    model = Assessment
    icon = "doc-full"
    name = "assessment"
    menu_label = gettext_lazy("Surveys")
    form_fields = ASSESSMENT_FIELDS
    list_display = [
        "__str__",
        "year",
        "score",
        "level",
    ]
    filterset_class = AssessmentFilterSet
    list_export = ["year", "unit.code", "unit.name", "score", "level"]
    export_headings = {
        "unit.code": gettext_lazy("unit code"),
        "unit.name": gettext_lazy("unit"),
    }
    export_filename = "assessments"
    add_view_class = AssessmentCreateView
    edit_view_class = AssessmentEditView
    inspect_view_class = AssessmentInspectView

    def get_form_class(self, for_update=False):
        return AssessmentEditForm if for_update else AssessmentForm


# --- help and its yearly progress ----------------------------------------------------------


class AssistanceFilterSet(WagtailFilterSet):
    unit = SubtreeUnitFilter("unit", label=gettext_lazy("unit helped (and below)"))
    role = django_filters.ChoiceFilter(label=gettext_lazy("role"), choices=HelperRole.choices)

    class Meta:
        model = Assistance
        fields = ["role"]


class AssistanceCreateView(ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.assistance_assign(
            actor=self.request.user,
            unit=data["unit"],
            helper=data["helper"],
            role=data["role"],
            start_date=data["start_date"],
            end_date=data.get("end_date"),
            plan=data.get("plan") or "",
        )


class AssistanceInspectView(ScopedInspectView):
    """The help's page: the plan, the yearly progress notes and the unit's later ratings."""

    template_name = "assessment/assistance_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.assistance_page(user=self.request.user, assistance=self.object))
        return context


class AssistanceEndView(EndView):
    service = services.assistance_end
    record_arg = "assistance"
    end_field = "end_date"
    page_title = gettext_lazy("End help")
    intro = gettext_lazy("The helper stops helping this unit on this day.")


class ProgressNoteView(ScopedActionView):
    """The helper's yearly progress note (the helper body itself, or the keeping office),
    in sight on the help's page beside "Edit" and in each row of the listing."""

    model = Assistance
    service = services.progress_note
    record_arg = "assistance"
    service_fields = ("year", "note")
    # A second note for the same year replaces the first: there is no version to check.
    requires_version = False
    form_class = ProgressForm
    template_name = "assessment/progress_note.html"
    page_title = gettext_lazy("Progress note")
    header_icon = "edit"
    button_text = gettext_lazy("Record help progress")
    button_priority = 20
    in_header = True
    in_listing = True
    success_message = gettext_lazy("Progress note saved.")

    @classmethod
    def allowed(cls, policy, user, instance) -> bool:
        return services.may_note_progress(user, instance)

    def get_initial(self):
        return {**super().get_initial(), **ProgressForm.default()}


class AssistanceViewSet(ScopedViewSet):
    model = Assistance
    icon = "group"
    name = "assistance"
    menu_label = gettext_lazy("Help to units")
    edit_enabled = False  # ended and reassigned, never rewritten
    form_fields = ASSISTANCE_FIELDS
    list_display = [
        "__str__",
        "role",
        DayColumn("start_date", label=capfirst(gettext_lazy("start date")), sort_key="start_date"),
        DayColumn("end_date", label=capfirst(gettext_lazy("end date")), sort_key="end_date"),
    ]
    filterset_class = AssistanceFilterSet
    list_export = [
        "unit.code",
        "unit.name",
        "helper.code",
        "helper.name",
        "role",
        "start_date",
        "end_date",
        "plan",
    ]
    export_headings = {
        "unit.code": gettext_lazy("unit code"),
        "unit.name": gettext_lazy("unit helped"),
        "helper.code": gettext_lazy("helper code"),
        "helper.name": gettext_lazy("helper"),
    }
    export_filename = "assistance"
    add_view_class = AssistanceCreateView
    inspect_view_class = AssistanceInspectView
    action_views = {"progress": ProgressNoteView, "end": AssistanceEndView}

    def get_form_class(self, for_update=False):
        return AssistanceForm


# --- the weak-units board ----------------------------------------------------------------


class WeakUnitBoardView(WagtailAdminTemplateMixin, TemplateView):
    """The weak units of a survey year on one screen: helpers, plan, progress, outcome."""

    template_name = "assessment/weak_unit_board.html"
    page_title = gettext_lazy("Weak units")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not assessment_policy.may(request.user, "view"):
            raise Http404  # a screen the role does not have: as if absent (docs/roles.md)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def chosen_year(self, years: list[int]) -> tuple[int | None, str]:
        """The year asked for in ?year=, else the latest survey with a weak unit."""
        raw = self.request.GET.get("year", "").strip()
        if not raw:
            return (years[0] if years else None), ""
        if raw.isdigit() and int(raw) in years:
            return int(raw), ""
        error = _("No weak unit in the survey of %(year)s that you can see.") % {"year": raw}
        return (years[0] if years else None), error

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        years = selectors.survey_years_with_weak_units(user=user)
        year, error = self.chosen_year(years)
        cards = selectors.weak_unit_board(user=user, year=year) if year else []
        helps = [h for c in cards for h in (*c.lead, *c.support)]
        context.update(
            years=years,
            year=year,
            year_error=error,
            cards=cards,
            finding_labels=FINDING_LABELS,
            deadline=rules.deadline(year) if year else None,
            rule=rules.RULE,
            # Whether each name opens for this user, checked at once (prime_record_links).
            link_units=[c.unit for c in cards],
            link_helps=helps,
            link_assessments=[a for c in cards for a in (c.assessment, *c.later_assessments)],
            link_ratings=[r for c in cards for r in c.later_ratings],
            chart=charts.weak_unit_board(cards),
            document_url=document_url_for(user, "assistance-decision", year=year)
            if cards
            else None,
        )
        return context


def document_url_for(user, kind_name, **options):
    from dangbo.reports.views import document_url_for as url_for  # reports reads assessment

    return url_for(user, kind_name, **options)


class BoardMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return assessment_policy.may(request.user, "view")


class WeakUnitBoardViewSet(ViewSet):
    name = "weak_units"
    icon = "warning"
    menu_label = gettext_lazy("Weak units")
    menu_item_class = BoardMenuItem

    def get_urlpatterns(self):
        return [path("", WeakUnitBoardView.as_view(), name="index")]


class AssessmentGroup(ViewSetGroup):
    menu_label = gettext_lazy("Surveys and help")
    menu_icon = "doc-full"
    menu_order = 310
    items = (WeakUnitBoardViewSet, AssessmentViewSet, AssistanceViewSet)
