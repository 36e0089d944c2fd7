"""Back-office screens of regular supervision: assignments and quarterly reports (RULES §6)."""

import django_filters
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from dangbo.core.dates import vn_date
from dangbo.core.errors import InputError
from dangbo.core.views import (
    DayColumn,
    EndView,
    OpenClosedFilter,
    ScopedCreateView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
    SubtreeUnitFilter,
    add_problems,
)
from dangbo.reports.charts import screens as charts
from dangbo.supervision import selectors, services
from dangbo.supervision.forms import (
    ASSIGNMENT_FIELDS,
    REPORT_FIELDS,
    AssignmentForm,
    BoardForm,
    OwnReportForm,
    ReportForm,
)
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport
from dangbo.supervision.permissions import report_policy

# --- assignments ---------------------------------------------------------------------------


class AssignmentFilterSet(WagtailFilterSet):
    unit = SubtreeUnitFilter("unit", label=gettext_lazy("area (and below)"))
    # An assignment that starts later is current too: it has not ended.
    status = OpenClosedFilter(
        end_field="end_date", start_field=None, open_label=gettext_lazy("Current")
    )

    class Meta:
        model = SupervisionAssignment
        fields = []


class AssignmentCreateView(ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.assignment_create(
            actor=self.request.user,
            person=data["person"],
            unit=data["unit"],
            field=data.get("field") or "",
            start_date=data["start_date"],
            end_date=data.get("end_date"),
        )


class AssignmentInspectView(ScopedInspectView):
    """An assignment's page: the member's reports (those the user may see)."""

    template_name = "supervision/assignment_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = selectors.assignment_reports(
            user=self.request.user, assignment=self.object
        )
        return context


class AssignmentEndView(EndView):
    service = services.assignment_end
    record_arg = "assignment"
    end_field = "end_date"
    page_title = gettext_lazy("End assignment")
    intro = gettext_lazy("The member stops supervising this area on this day.")


class AssignmentViewSet(ScopedViewSet):
    model = SupervisionAssignment
    icon = "view"
    name = "supervision_assignment"
    menu_label = gettext_lazy("Assignments")
    edit_enabled = False  # ended and reassigned, never rewritten
    form_fields = ASSIGNMENT_FIELDS
    # The page is our template; Wagtail's default would call `get_field_display_value`
    # for the model field named "field", which is one of its own methods.
    inspect_view_fields = ["person", "unit", "start_date", "end_date"]
    list_display = [
        "__str__",
        "field",
        DayColumn("start_date", label=capfirst(gettext_lazy("start date")), sort_key="start_date"),
        DayColumn("end_date", label=capfirst(gettext_lazy("end date")), sort_key="end_date"),
    ]
    filterset_class = AssignmentFilterSet
    list_export = [
        "person.code",
        "person.full_name",
        "unit.code",
        "unit.name",
        "field",
        "start_date",
        "end_date",
    ]
    export_headings = {
        "person.code": gettext_lazy("person code"),
        "person.full_name": gettext_lazy("committee member"),
        "unit.code": gettext_lazy("unit code"),
        "unit.name": gettext_lazy("area"),
    }
    export_filename = "supervision-assignments"
    add_view_class = AssignmentCreateView
    inspect_view_class = AssignmentInspectView
    action_views = {"end": AssignmentEndView}

    def get_form_class(self, for_update=False):
        return AssignmentForm


# --- reports -------------------------------------------------------------------------------


class ReportFilterSet(WagtailFilterSet):
    period = django_filters.CharFilter(label=gettext_lazy("period"), lookup_expr="iexact")

    class Meta:
        model = SupervisionReport
        fields = ["period"]


class ReportIndexView(ScopedIndexView):
    """Each report with its due date and status, the report day read once per page."""

    @cached_property
    def report_day(self):
        return selectors.report_day()

    def get_table(self, object_list):
        object_list = selectors.reports_with_status(user=self.request.user, reports=object_list)
        return super().get_table(object_list)

    def to_row_dict(self, item):
        status = selectors.report_status(item, day=self.report_day)
        computed = {"due": status.due, "status": status.label}
        return {
            field: computed[field] if field in computed else self.export_value(item, field)
            for field in self.list_export
        }


class ReportCreateView(ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.report_submit(
            actor=self.request.user,
            person=data["person"],
            period=data["period"],
            submitted_date=data["submitted_date"],
            summary=data.get("summary") or "",
        )


class ReportInspectView(ScopedInspectView):
    template_name = "supervision/report_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = selectors.report_status(self.object)
        return context


class ReportViewSet(ScopedViewSet):
    model = SupervisionReport
    icon = "doc-full-inverse"
    name = "supervision_report"
    menu_label = gettext_lazy("Quarterly reports")
    edit_enabled = False  # a report filed is history
    form_fields = REPORT_FIELDS
    list_display = [
        "__str__",
        Column(
            "period",
            label=capfirst(gettext_lazy("period")),
            accessor=lambda r: r.due_status.period_label,
            sort_key="period",
        ),
        DayColumn(
            "submitted_date",
            label=capfirst(gettext_lazy("submitted on")),
            sort_key="submitted_date",
        ),
        Column("due", label=gettext_lazy("Due"), accessor=lambda r: vn_date(r.due_status.due)),
        Column("status", label=gettext_lazy("Status"), accessor=lambda r: r.due_status.label),
    ]
    filterset_class = ReportFilterSet
    list_export = [
        "person.code",
        "person.full_name",
        "period",
        "submitted_date",
        "due",
        "status",
        "summary",
    ]
    export_headings = {
        "person.code": gettext_lazy("person code"),
        "person.full_name": gettext_lazy("committee member"),
        "due": gettext_lazy("Due"),
        "status": gettext_lazy("Status"),
    }
    export_filename = "supervision-reports"
    index_view_class = ReportIndexView
    add_view_class = ReportCreateView
    inspect_view_class = ReportInspectView

    def get_form_class(self, for_update=False):
        return ReportForm


# --- the quarter board (the standing committee, the office) ----------------------------------


class QuarterBoardView(WagtailAdminTemplateMixin, TemplateView):
    """Each member × each area for a quarter, on time / late / missing as of a date, with the
    totals per member and per area and the scheme's figures for the whole stage."""

    page_title = gettext_lazy("Quarter board")
    header_icon = "table"
    template_name = "supervision/quarter_board.html"

    def dispatch(self, request, *args, **kwargs):
        if not report_policy.may_see_board(request.user):
            raise Http404  # a screen the role does not have: as if absent (docs/roles.md)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        user = request.user
        periods, default = selectors.board_periods(user=user)
        units = selectors.committee_units(user=user)
        data = request.GET.copy()
        data.setdefault("period", default or "")
        data.setdefault("as_of", timezone.localdate().strftime("%d/%m/%Y"))
        form = BoardForm(data, periods=periods, units=units)
        board = None
        if periods and form.is_valid():
            chosen = form.cleaned_data
            board = selectors.quarter_board(
                user=user, period=chosen["period"], unit=chosen["unit"], as_of=chosen["as_of"]
            )
        context = self.get_context_data(
            form=form,
            board=board,
            has_periods=bool(periods),
            charts=charts.quarter_board(board) if board else [],
            document_url=self.document_url(board),
        )
        return self.render_to_response(context)

    def document_url(self, board) -> str | None:
        """The quarter's report (`supervision-quarter`) with the board's quarter and day."""
        if board is None:
            return None
        from dangbo.reports.views import document_url_for  # reports reads supervision

        return document_url_for(
            self.request.user,
            "supervision-quarter",
            period=board.period,
            as_of=board.as_of.strftime("%d/%m/%Y"),
        )


class QuarterBoardViewSet(ViewSet):
    """The board as a menu entry of the supervision group, shown to those who may open it."""

    name = "supervision_board"
    icon = "table"
    menu_label = gettext_lazy("Quarter board")
    menu_icon = "table"

    @cached_property
    def menu_item_class(self):
        class BoardMenuItem(MenuItem):
            def is_shown(self, request):
                return report_policy.may_see_board(request.user)

        return BoardMenuItem

    def get_urlpatterns(self):
        return [path("", QuarterBoardView.as_view(), name="index")]


class SupervisionGroup(ViewSetGroup):
    menu_label = gettext_lazy("Supervision")
    menu_icon = "view"
    menu_order = 320
    items = (QuarterBoardViewSet, AssignmentViewSet, ReportViewSet)


# --- a committee member's own work ("Việc của tôi") ------------------------------------------


class MyWorkView(WagtailAdminTemplateMixin, TemplateView):
    """The user's own assignments, each quarter's due date and status, and a way to file."""

    page_title = gettext_lazy("My work")
    header_icon = "tasks"
    template_name = "supervision/my_work.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.request.user.person
        context["lines"] = selectors.my_work(user=self.request.user)
        return context


class OwnReportView(WagtailAdminTemplateMixin, FormView):
    """Filing one's own report for a quarter; the date filed is today's, set by the service."""

    page_title = gettext_lazy("File my report")
    header_icon = "doc-full-inverse"
    template_name = "supervision/own_report.html"
    form_class = OwnReportForm

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("supervision_my_work"), "label": _("My work")},
            {"url": "", "label": self.page_title},
        ]

    def period(self) -> str:
        return (self.request.POST.get("period") or self.request.GET.get("period") or "").upper()

    def get_initial(self):
        return {"person": self.request.user.person_id, "period": self.period()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["period"] = self.period()
        context["line"] = selectors.own_period_line(user=self.request.user, period=self.period())
        context["max_size"] = settings.DANGBO_REPORT_FILE_MAX_BYTES
        return context

    def get(self, request, *args, **kwargs):
        if selectors.own_period_line(user=request.user, period=self.period()) is None:
            raise Http404
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            report = services.report_file_own(
                actor=self.request.user,
                person=data["person"],
                period=data["period"],
                summary=data["summary"],
                files=data["files"],
            )
        except PermissionError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form), status=403)
        except InputError as error:
            add_problems(form, error.problems)
            return self.form_invalid(form)
        status = selectors.report_status(report)
        messages.success(
            self.request,
            _("Your report for %(period)s was filed on %(date)s: %(status)s.")
            % {
                "period": status.period_label,
                "date": vn_date(report.submitted_date),
                "status": status.label.lower(),
            },
        )
        return redirect("supervision_my_work")


def report_file_download(request, pk: int):
    """An attachment, for a reader who may see its report (not a public /media/ link)."""
    attachment = selectors.report_file_visible_to(user=request.user, pk=pk)
    if attachment is None:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


def shows_my_work(request) -> bool:
    return selectors.own_assignments(user=request.user).exists()
