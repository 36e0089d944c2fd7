"""Back-office screens of grassroots surveys and the help given to weak units (RULES §3)."""

import django_filters
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.widgets.button import Button, HeaderButton

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
from dangbo.core.errors import InputError
from dangbo.core.views import (
    DayColumn,
    EndView,
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedObjectMixin,
    ScopedViewSet,
    add_problems,
)
from dangbo.org import scope
from dangbo.org.forms import visible_units
from dangbo.ratings.models import SubjectKind
from dangbo.ratings.selectors import rating_list_visible_to
from dangbo.rules import assistance as rules

# --- surveys -----------------------------------------------------------------------------


class AssessmentFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("unit (and below)"),
        queryset=lambda request: visible_units(request.user if request else None),
        method="filter_unit",
    )
    level = django_filters.ChoiceFilter(label=gettext_lazy("level"), choices=Level.choices)

    class Meta:
        model = Assessment
        fields = ["year", "level"]

    def filter_unit(self, queryset, name, value):
        return scope.in_subtree(queryset, "unit", value)


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
        assessment = self.object
        helpers = list(Assistance.objects.filter(unit=assessment.unit).select_related("helper"))
        deadline = rules.deadline(assessment.year)
        context["deadline"] = deadline
        if assessment.level == Level.WEAK:
            facts = [
                rules.Helper(
                    unit_code=assessment.unit.code,
                    helper_code=h.helper.code,
                    role=h.role,
                    start=h.start_date,
                    end=h.end_date,
                )
                for h in helpers
            ]
            findings = rules.assistance_findings([assessment.unit.code], facts, assessment.year)
            context["findings"] = [
                {**f, "label": FINDING_LABELS.get(f["finding"], f["finding"])} for f in findings
            ]
            context["rule"] = rules.RULE
        visible = selectors.assistance_list_visible_to(user=self.request.user)
        context["helpers"] = visible.filter(unit=assessment.unit).order_by("start_date")
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
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("unit helped (and below)"),
        queryset=lambda request: visible_units(request.user if request else None),
        method="filter_unit",
    )
    role = django_filters.ChoiceFilter(label=gettext_lazy("role"), choices=HelperRole.choices)

    class Meta:
        model = Assistance
        fields = ["role"]

    def filter_unit(self, queryset, name, value):
        return scope.in_subtree(queryset, "unit", value)


class AssistanceIndexView(ScopedIndexView):
    end_url_name = "assistance:end"
    end_label = gettext_lazy("End help")

    def get_extra_list_buttons(self, instance):
        if services.may_note_progress(self.request.user, instance):
            url = reverse("assistance:progress", args=(quote(instance.pk),))
            yield MenuItem(_("Record help progress"), url=url, icon_name="edit", priority=20)
        yield from super().get_extra_list_buttons(instance)


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

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if services.may_note_progress(self.request.user, self.object):
            url = reverse("assistance:progress", args=(quote(self.object.pk),))
            buttons.append(HeaderButton(_("Record help progress"), url=url, icon_name="edit"))
        return buttons

    def get_extra_header_buttons(self):
        if self.object.end_date is None and self.can_change(self.object):
            url = reverse("assistance:end", args=(quote(self.object.pk),))
            yield Button(_("End help"), url=url, icon_name="calendar", priority=35)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assistance = self.object
        context["notes"] = assistance.progress.order_by("year")
        # The outcome is judged by the unit's ratings in the years since help began.
        context["ratings"] = (
            rating_list_visible_to(user=self.request.user)
            .filter(
                subject_kind=SubjectKind.UNIT,
                unit=assistance.unit,
                year__gte=assistance.start_date.year,
            )
            .order_by("year")
        )
        return context


class AssistanceEndView(EndView):
    page_title = gettext_lazy("End help")
    intro = gettext_lazy("The helper stops helping this unit on this day.")

    def end(self, instance, last_day, expected_version):
        services.assistance_end(
            actor=self.request.user,
            assistance=instance,
            end_date=last_day,
            expected_version=expected_version,
        )


class ProgressNoteView(ScopedObjectMixin, WagtailAdminTemplateMixin, FormView):
    """The helper's yearly progress note (the helper body itself, or the keeping office)."""

    model = Assistance
    form_class = ProgressForm
    template_name = "assessment/progress_note.html"
    page_title = gettext_lazy("Progress note")
    header_icon = "edit"
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_scoped_object(kwargs["pk"])
        if not services.may_note_progress(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def inspect_url(self):
        return reverse("assistance:inspect", args=(quote(self.object.pk),))

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("assistance:index"), "label": capfirst(Assistance._meta.verbose_name)},
            {"url": self.inspect_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        return ProgressForm.default()

    def form_valid(self, form):
        try:
            services.progress_note(
                actor=self.request.user,
                assistance=self.object,
                year=form.cleaned_data["year"],
                note=form.cleaned_data["note"],
            )
        except InputError as error:
            add_problems(form, error.problems)
            return self.form_invalid(form)
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(self.request, _("Progress note saved."))
        return redirect(self.inspect_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, cancel_url=self.inspect_url())
        return context


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
    index_view_class = AssistanceIndexView
    add_view_class = AssistanceCreateView
    inspect_view_class = AssistanceInspectView
    end_view_class = AssistanceEndView

    def get_form_class(self, for_update=False):
        return AssistanceForm

    @property
    def progress_view(self):
        return ProgressNoteView.as_view(permission_policy=self.permission_policy)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("progress/<int:pk>/", self.progress_view, name="progress"),
        ]


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
        )
        return context


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
