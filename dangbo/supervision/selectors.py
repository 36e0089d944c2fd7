"""Reads of supervision, through the user's scope (the area, or the member's own unit)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from dangbo.core.models import RuleSettings
from dangbo.org import scope
from dangbo.rules import supervision as rules
from dangbo.supervision.labels import STATUS_LABELS
from dangbo.supervision.models import (
    SupervisionAssignment,
    SupervisionReport,
    SupervisionReportFile,
)


def assignment_list_visible_to(*, user) -> QuerySet[SupervisionAssignment]:
    assignments = SupervisionAssignment.objects.select_related("person", "unit")
    return scope.filter_by_unit_path(assignments, user, "unit", "person__unit")


def report_list_visible_to(*, user) -> QuerySet[SupervisionReport]:
    """Reports of members of the user's units, or of members assigned to areas in them."""
    reports = SupervisionReport.objects.select_related("person", "person__unit")
    paths = scope.read_paths(user)
    if paths is None:
        return reports
    assigned = SupervisionAssignment.objects.filter(scope.unit_condition(paths, "unit"))
    return reports.filter(
        scope.unit_condition(paths, "person__unit") | Q(person__in=assigned.values("person_id"))
    )


# --- a committee member's own work ("Việc của tôi") ------------------------------------------


@dataclass(frozen=True)
class QuarterLine:
    """One quarter of an assignment: when its report is due and how it stands."""

    period: str
    due: date
    status: str  # one of rules.STATUSES
    rule: str
    report: SupervisionReport | None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def may_file(self) -> bool:
        return self.report is None


@dataclass(frozen=True)
class AssignmentLine:
    assignment: SupervisionAssignment
    quarters: list[QuarterLine]


def own_assignments(*, user) -> QuerySet[SupervisionAssignment]:
    """The assignments of the person the user's login is linked to (none if unlinked)."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return SupervisionAssignment.objects.none()
    return SupervisionAssignment.objects.filter(person_id=person_id).select_related(
        "unit", "person"
    )


def quarters_between(start: date, end: date) -> list[str]:
    """The periods (YYYYQn) from the quarter of `start` to the quarter of `end`."""
    periods, year, quarter = [], start.year, (start.month - 1) // 3 + 1
    last = (end.year, (end.month - 1) // 3 + 1)
    while (year, quarter) <= last:
        periods.append(rules.format_period((year, quarter)))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return periods


def my_work(*, user, as_of: date | None = None) -> list[AssignmentLine]:
    """Each of the user's own assignments with every quarter up to the current one: its due
    date and status, decided by the rules the supervision review uses (RULES §6)."""
    as_of = as_of or timezone.localdate()
    assignments = list(own_assignments(user=user).order_by("start_date", "unit__name"))
    if not assignments:
        return []
    reports = {
        r.period: r
        for r in SupervisionReport.objects.filter(person_id=user.person_id).prefetch_related(
            "files"
        )
    }
    report_day = RuleSettings.load().report_day
    code = assignments[0].person.code
    lines = []
    for assignment in assignments:
        last = min(assignment.end_date, as_of) if assignment.end_date else as_of
        quarters = []
        for period in reversed(quarters_between(assignment.start_date, last)):
            report = reports.get(period)
            submitted = {code: report.submitted_date} if report else {}
            (row,) = rules.report_statuses([code], submitted, period, as_of, report_day)
            quarters.append(
                QuarterLine(
                    period=period,
                    due=date.fromisoformat(row["due"]),
                    status=row["status"],
                    rule=row["rule"],
                    report=report,
                )
            )
        lines.append(AssignmentLine(assignment, quarters))
    return lines


def own_period_line(*, user, period: str, as_of: date | None = None) -> QuarterLine | None:
    """The quarter `period` of the user's own work, if one of their assignments covers it."""
    for line in my_work(user=user, as_of=as_of):
        for quarter in line.quarters:
            if quarter.period == period:
                return quarter
    return None


def report_file_visible_to(*, user, pk: int) -> SupervisionReportFile | None:
    """An attachment the user may open: of a report in their scope, or of their own."""
    person_id = getattr(user, "person_id", None)
    visible = report_list_visible_to(user=user).values("pk")
    condition = Q(report__in=visible)
    if person_id is not None:
        condition |= Q(report__person_id=person_id)
    return SupervisionReportFile.objects.filter(condition, pk=pk).first()
