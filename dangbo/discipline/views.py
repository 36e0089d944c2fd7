"""Back-office screens of discipline cases and the published lists (kỷ luật, RULES §4)."""

from datetime import date

import django_filters
from django.contrib.admin.utils import quote
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from dangbo.core.dates import vn_date
from dangbo.core.export import table_response
from dangbo.core.views import (
    DayColumn,
    ScopedActionView,
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
    SubtreeUnitFilter,
)
from dangbo.discipline import selectors, services
from dangbo.discipline.forms import (
    CASE_FORM_FIELDS,
    FIRST_HALF,
    SECOND_HALF,
    STEP_FORMS,
    CaseEditForm,
    CaseForm,
    PublishedListForm,
)
from dangbo.discipline.models import Category, DisciplineCase, Form, SubjectKind
from dangbo.discipline.permissions import case_policy
from dangbo.discipline.selectors import form_label, subject_name
from dangbo.org.policy import VIEW
from dangbo.rules import discipline as rules

# --- cases -------------------------------------------------------------------------------


class CaseFilterSet(WagtailFilterSet):
    unit = SubtreeUnitFilter("unit")
    subject_kind = django_filters.ChoiceFilter(
        label=gettext_lazy("subject"), choices=SubjectKind.choices
    )
    form = django_filters.ChoiceFilter(label=gettext_lazy("form"), choices=Form.choices)
    category = django_filters.ChoiceFilter(label=gettext_lazy("category"), choices=Category.choices)

    class Meta:
        model = DisciplineCase
        fields = ["subject_kind", "form", "category"]


class CaseIndexView(ScopedIndexView):
    folded_search_field = "person__search_text"


class CaseCreateView(ScopedCreateView):
    """Opens a case at the ideological-work step (no decision yet)."""

    def get_page_title(self):
        return _("Open a case")

    def get_page_subtitle(self):  # the form's heading
        return _("Open a case")

    def save_instance(self):
        data = self.form.cleaned_data
        values = {k: data.get(k) for k in services.OPEN_FIELDS}
        return services.case_open(actor=self.request.user, code=data["code"], **values)


class CaseEditView(ScopedEditView):
    def save_instance(self):
        data = self.form.cleaned_data
        values = {k: data.get(k) for k in services.CASE_FIELDS}
        return services.case_update(
            actor=self.request.user,
            case=self.object,
            expected_version=self.expected_version,
            **values,
        )


class CaseInspectView(ScopedInspectView):
    """A case's page: the record, its timeline (steps, who recorded them, the dates the rules
    compute), a button for the next step, and the rules' review."""

    template_name = "discipline/case_inspect.html"
    step_url_name = None

    @cached_property
    def timeline(self):
        return selectors.case_timeline(
            user=self.request.user, case=self.object, as_of=timezone.localdate()
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.can_change(self.object):
            for step in self.timeline["next_steps"]:
                url = reverse(self.step_url_name, args=(step["step"], quote(self.object.pk)))
                buttons.insert(
                    0, HeaderButton(step_button_label(step["step"]), url=url, icon_name="plus")
                )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            as_of=today,
            timeline=self.timeline,
            subject_name=subject_name(self.object),
            form_label=form_label(self.object),
            review=selectors.review_lines(user=self.request.user, case=self.object, as_of=today),
        )
        urls = {}
        if self.can_change(self.object):
            urls = {
                s["step"]: reverse(self.step_url_name, args=(s["step"], quote(self.object.pk)))
                for s in self.timeline["next_steps"]
            }
        context["steps"] = [{**s, "url": urls.get(s["step"])} for s in self.timeline["steps"]]
        return context


def step_button_label(step: str) -> str:
    return {
        rules.DECIDED: _("Record the decision"),
        rules.ANNOUNCED: _("Record the announcement"),
        rules.COMPLAINT_FILED: _("Record a complaint"),
        rules.COMPLAINT_RESOLVED: _("Record the resolution"),
    }[step]


class CaseStepView(ScopedActionView):
    """One step of a case through its own short form and service (`step/<step>/<pk>/`): the
    case's page offers only the next step; a step out of order or dated before the step it
    follows is refused by the service with the rule's message."""

    model = DisciplineCase
    record_arg = "case"
    template_name = "discipline/case_step.html"

    def dispatch(self, request, *args, **kwargs):
        self.step = kwargs["step"]
        if self.step not in STEP_FORMS:
            raise Http404
        self.service, self.service_fields = services.STEP_SERVICES[self.step]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return step_button_label(self.step)

    def get_page_subtitle(self):
        return f"{self.object.code} — {subject_name(self.object)}"

    def get_form_class(self):
        return STEP_FORMS[self.step]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.object}

    def get_success_message(self, instance, data):
        return _("%(step)s recorded for case %(code)s.") % {
            "step": selectors.step_label(self.step),
            "code": instance.code,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            subject_name=subject_name(self.object),
            timeline=selectors.case_timeline(
                user=self.request.user, case=self.object, as_of=timezone.localdate()
            ),
        )
        return context


class CaseViewSet(ScopedViewSet):
    model = DisciplineCase
    icon = "warning"
    name = "discipline_case"
    menu_label = gettext_lazy("Discipline cases")
    form_fields = CASE_FORM_FIELDS
    list_display = [
        "code",
        Column("subject", label=capfirst(gettext_lazy("subject")), accessor=subject_name),
        Column("unit", label=capfirst(gettext_lazy("unit")), accessor="unit.name"),
        Column("form", label=capfirst(gettext_lazy("form")), accessor=form_label),
        DayColumn(
            "decided_date", label=capfirst(gettext_lazy("decision date")), sort_key="decided_date"
        ),
        DayColumn(
            "announced_date",
            label=capfirst(gettext_lazy("announcement date")),
            sort_key="announced_date",
        ),
        "complaint_outcome",
    ]
    filterset_class = CaseFilterSet
    search_fields = ["code"]  # makes the listing searchable; searched by the person's name
    search_backend_name = None
    list_export = [
        "code",
        "subject_kind",
        "person.code",
        "person.full_name",
        "unit.code",
        "unit.name",
        "violation_date",
        "form",
        "category",
        "ideological_work_date",
        "ideological_work_note",
        "decided_date",
        "decided_by",
        "announced_date",
        "complaint_date",
        "complaint_resolved_date",
        "complaint_outcome",
        "summary",
    ]
    export_headings = {
        "person.code": gettext_lazy("person code"),
        "person.full_name": gettext_lazy("full name"),
        "unit.code": gettext_lazy("unit code"),
        "unit.name": gettext_lazy("unit"),
    }
    export_filename = "discipline-cases"
    index_view_class = CaseIndexView
    add_view_class = CaseCreateView
    edit_view_class = CaseEditView
    inspect_view_class = CaseInspectView

    def get_form_class(self, for_update=False):
        return CaseEditForm if for_update else CaseForm

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(step_url_name=self.get_url_name("step"), **kwargs)

    def get_urlpatterns(self):
        # One address for the steps, the step named in it: its buttons are the case's next
        # steps (CaseInspectView), not one per action.
        step_view = self.action_view(CaseStepView)
        return [
            *super().get_urlpatterns(),
            path("step/<str:step>/<int:pk>/", step_view, name="step"),
        ]


# --- the published lists -----------------------------------------------------------------


def period_days(year: int, period: str) -> tuple[date, date]:
    if period == FIRST_HALF:
        return date(year, 1, 1), date(year, 6, 30)
    if period == SECOND_HALF:
        return date(year, 7, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


class PublishedListView(WagtailAdminTemplateMixin, TemplateView):
    """The six-monthly and yearly lists of decisions announced, generated from the cases."""

    template_name = "discipline/published_list.html"
    page_title = gettext_lazy("Published lists")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not case_policy.may(request.user, VIEW):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        form = PublishedListForm(
            request.GET if "year" in request.GET else PublishedListForm.default()
        )
        cases, first, last = [], None, None
        if form.is_valid():
            year, period = form.cleaned_data["year"], form.cleaned_data["period"]
            first, last = period_days(year, period)
            cases = list(
                selectors.cases_announced_between(user=request.user, first_day=first, last_day=last)
            )
            fmt = request.GET.get("export")
            if fmt in ("csv", "xlsx"):
                return self.export(fmt, year, period, cases)
        context = self.get_context_data(
            form=form,
            cases=cases,
            first=first,
            last=last,
            query=f"year={form.data.get('year')}&period={form.data.get('period')}",
        )
        return self.render_to_response(context)

    def export(self, fmt, year, period, cases):
        headings = [
            _("No."),
            _("Code"),
            _("Subject"),
            _("Unit"),
            _("Form"),
            _("Decision date"),
            _("Deciding body"),
            _("Announcement date"),
        ]
        rows = [
            [
                i,
                case.code,
                subject_name(case),
                case.unit.name,
                case.get_form_display(),
                vn_date(case.decided_date),
                case.decided_by,
                vn_date(case.announced_date),
            ]
            for i, case in enumerate(cases, 1)
        ]
        suffix = {FIRST_HALF: "6t-dau", SECOND_HALF: "6t-cuoi"}.get(period, "ca-nam")
        return table_response(fmt, f"danh-sach-ky-luat-{year}-{suffix}", headings, rows)


class PublishedListViewSet(ViewSet):
    name = "discipline_lists"
    icon = "list-ul"
    menu_label = gettext_lazy("Published lists")

    def get_urlpatterns(self):
        return [path("", PublishedListView.as_view(), name="index")]

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem as AdminMenuItem

        class ListsMenuItem(AdminMenuItem):
            def is_shown(self, request):
                return case_policy.may(request.user, VIEW)

        return ListsMenuItem


class DisciplineGroup(ViewSetGroup):
    menu_label = gettext_lazy("Discipline")
    menu_icon = "warning"
    menu_order = 330
    items = (CaseViewSet, PublishedListViewSet)
