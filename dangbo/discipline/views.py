"""Back-office screens of discipline cases and the published lists (kỷ luật, RULES §4)."""

from datetime import date

import django_filters
from django.http import Http404
from django.urls import path
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

from dangbo.core.dates import vn_date, vn_date_or_dash
from dangbo.core.export import table_response
from dangbo.core.views import (
    DayColumn,
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
)
from dangbo.discipline import selectors, services
from dangbo.discipline.facts import as_case, cases_by_subject
from dangbo.discipline.forms import (
    CASE_FORM_FIELDS,
    FIRST_HALF,
    SECOND_HALF,
    CaseEditForm,
    CaseForm,
    PublishedListForm,
)
from dangbo.discipline.models import Category, DisciplineCase, Form, SubjectKind
from dangbo.discipline.permissions import case_policy
from dangbo.org.forms import visible_units
from dangbo.org.policy import VIEW
from dangbo.rules import discipline as rules
from dangbo.rules.versions import (
    AUTO_EXPIRY_MONTHS,
    COMPLAINT_MONTHS,
    LIMITATION_YEARS,
    PROMOTION_BAR_MONTHS,
    applicable,
)


def subject_name(case: DisciplineCase) -> str:
    return case.person.full_name if case.person_id else case.unit.name


def review_lines(case: DisciplineCase, as_of: date) -> list[dict]:
    """The rules' review of a case on `as_of`: each answer beside the rule text it applied."""
    fact = as_case(case)
    related = cases_by_subject(DisciplineCase.objects.filter(pk=case.pk))
    review = rules.review_case(fact, related[(fact.subject_kind, fact.subject_code)], as_of)
    yes, no = _("Yes"), _("No")
    limitation = applicable(LIMITATION_YEARS, fact.decided_date)
    expiry = applicable(AUTO_EXPIRY_MONTHS, fact.announced_date)
    complaint = applicable(COMPLAINT_MONTHS, fact.announced_date)
    bar = applicable(PROMOTION_BAR_MONTHS, fact.announced_date)
    lines = [
        {
            "label": _("Time-barred"),
            "value": yes if review.time_barred else no,
            "flag": review.time_barred,
            "detail": (
                _(
                    "Decisions may be taken until %(day)s (from the violation, restarted by a "
                    "later violation of the same subject)."
                )
                % {"day": vn_date(review.limitation_until)}
                if review.limitation_until
                else _("No limitation period for this form or category.")
            ),
            "rule": limitation.label,
        },
        {
            "label": _("Expires on"),
            "value": vn_date_or_dash(review.expires_on),
            "flag": False,
            "detail": _(
                "12 months after the announcement (or the resolution of a complaint); no "
                "automatic expiry for expulsion or dissolution, while a complaint is pending, "
                "or after a new violation within those 12 months."
            ),
            "rule": expiry.label,
        },
        {
            "label": _("In force today"),
            "value": yes if review.in_force else no,
            "flag": review.in_force,
            "detail": (
                _("Ended on %(day)s by the complaint's outcome.")
                % {"day": vn_date(review.ended_on)}
                if review.ended_on
                else _("From the announcement until it expires or a complaint ends it.")
            ),
            "rule": expiry.label,
        },
        {
            "label": _("Promotion bar until"),
            "value": vn_date_or_dash(review.promotion_bar_until),
            "flag": bool(review.promotion_bar_until and as_of < review.promotion_bar_until),
            "detail": _(
                "Not appointed to or nominated for a higher post before this day (persons "
                "only; none for expulsion)."
            ),
            "rule": bar.label,
        },
        {
            "label": _("Late complaint"),
            "value": (yes if review.complaint_late else no) if case.complaint_date else "—",
            "flag": review.complaint_late,
            "detail": _("A complaint must be filed within 1 month of the announcement."),
            "rule": complaint.label,
        },
    ]
    return lines


# --- cases -------------------------------------------------------------------------------


class CaseFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("unit (and below)"),
        queryset=lambda request: visible_units(request.user if request else None),
        method="filter_unit",
    )
    subject_kind = django_filters.ChoiceFilter(
        label=gettext_lazy("subject"), choices=SubjectKind.choices
    )
    form = django_filters.ChoiceFilter(label=gettext_lazy("form"), choices=Form.choices)
    category = django_filters.ChoiceFilter(label=gettext_lazy("category"), choices=Category.choices)

    class Meta:
        model = DisciplineCase
        fields = ["subject_kind", "form", "category"]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path)


class CaseIndexView(ScopedIndexView):
    folded_search_field = "person__search_text"


class CaseCreateView(ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        values = {k: data.get(k) for k in services.CASE_FIELDS}
        return services.case_record(actor=self.request.user, code=data["code"], **values)


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
    """A case's page: the record, its ideological work and complaint, and the rules' review."""

    template_name = "discipline/case_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(as_of=today, review=review_lines(self.object, today))
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
        "form",
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
