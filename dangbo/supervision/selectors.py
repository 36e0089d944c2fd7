"""Reads of supervision, through the user's scope (the area, or the member's own unit).

Every status shown (a report's page, the list of reports, "My work", the quarter board) is
decided by :func:`dangbo.rules.supervision.report_statuses`, the function the supervision
review (`dangbo.reviews.supervision`) uses, so the screens and the review agree.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.admin.utils import quote
from django.db.models import Count, Max, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from dangbo.core.models import RuleSettings
from dangbo.org import scope
from dangbo.org.models import Unit, UnitKind
from dangbo.org.selectors import unit_list_visible_to
from dangbo.people.models import Person
from dangbo.rules import supervision as rules
from dangbo.supervision.labels import STATUS_LABELS, STATUS_MARKS, period_label
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


# --- a report's due date and status ---------------------------------------------------------


@dataclass(frozen=True)
class ReportStatus:
    """When a report was due (the report day of the quarter's last month), how it came in as
    of a date, and the rule behind the deadline (from `rules/versions.py`)."""

    period: str
    due: date
    status: str  # one of rules.STATUSES
    rule: str
    submitted: date | None = None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def mark(self) -> str:
        return STATUS_MARKS[self.status]

    @property
    def period_label(self) -> str:
        return period_label(self.period)


def _statuses(must_report, submitted, period, as_of, report_day) -> dict[str, ReportStatus]:
    """The rule's answer for each person code (the review's function, RULES §6)."""
    return {
        row["person_code"]: ReportStatus(
            period=row["period"],
            due=date.fromisoformat(row["due"]),
            status=row["status"],
            rule=row["rule"],
            submitted=date.fromisoformat(row["submitted"]) if row["submitted"] else None,
        )
        for row in rules.report_statuses(must_report, submitted, period, as_of, report_day)
    }


def report_day() -> int:
    return RuleSettings.load().report_day


def report_status(
    report: SupervisionReport, *, day: int | None = None, as_of: date | None = None
) -> ReportStatus:
    """The status of a report already read through the user's scope (its page, a list)."""
    day = report_day() if day is None else day
    as_of = as_of or timezone.localdate()
    code = report.person.code
    (status,) = _statuses([code], {code: report.submitted_date}, report.period, as_of, day).values()
    return status


def reports_with_status(*, user, reports, as_of: date | None = None) -> list:
    """`reports` (a page of the user's list) each with `.due_status`; settings read once."""
    day, as_of = report_day(), as_of or timezone.localdate()
    reports = list(reports)
    for report in reports:
        report.due_status = report_status(report, day=day, as_of=as_of)
    return reports


def assignment_reports(*, user, assignment) -> list[tuple[SupervisionReport, ReportStatus]]:
    """The reports of an assignment's member that the user may see, each with its status."""
    day, today = report_day(), timezone.localdate()
    reports = report_list_visible_to(user=user).filter(person_id=assignment.person_id)
    return [(r, report_status(r, day=day, as_of=today)) for r in reports]


def filter_assignments_by_state(queryset, state: str, today: date | None = None):
    """Assignments still running ("current") or ended before today ("ended")."""
    today = today or timezone.localdate()
    if state == "current":
        return queryset.exclude(end_date__lt=today)
    if state == "ended":
        return queryset.filter(end_date__lt=today)
    return queryset


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
    def mark(self) -> str:
        return STATUS_MARKS[self.status]

    @property
    def period_label(self) -> str:
        return period_label(self.period)

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
    return rules.periods_between(rules.period_of(start), rules.period_of(end))


def my_work(*, user, as_of: date | None = None) -> list[AssignmentLine]:
    """Each of the user's own assignments (the latest first) with every quarter up to now: its due
    date and status, decided by the rules the supervision review uses (RULES §6)."""
    as_of = as_of or timezone.localdate()
    assignments = list(own_assignments(user=user).order_by("-start_date", "unit__name"))
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
            status = _statuses([code], submitted, period, as_of, report_day)[code]
            quarters.append(
                QuarterLine(
                    period=period,
                    due=status.due,
                    status=status.status,
                    rule=status.rule,
                    report=report if status.submitted else None,
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


# --- the quarter board (the standing committee, the office) ----------------------------------

COMMITTEE_KINDS = (
    UnitKind.PROVINCE_COMMITTEE,
    UnitKind.DISTRICT_COMMITTEE,
    UnitKind.GRASSROOTS_COMMITTEE,
)


def committee_units(*, user) -> QuerySet[Unit]:
    """The committees in the user's reach whose supervised areas a board can be taken for."""
    return unit_list_visible_to(user=user).filter(kind__in=COMMITTEE_KINDS).order_by("path")


def board_periods(*, user, today: date | None = None) -> tuple[list[str], str | None]:
    """The quarters a board can be taken for (from the first assignment in the user's reach
    to this quarter, latest first), and the one to show first: this quarter if an assignment
    runs now, else the last quarter an assignment ran. One query."""
    today = today or timezone.localdate()
    found = assignment_list_visible_to(user=user).aggregate(
        first=Min("start_date"),
        last=Max("end_date"),
        running=Count("pk", filter=Q(end_date__isnull=True) | Q(end_date__gte=today)),
    )
    if found["first"] is None:
        return [], None
    now = rules.period_of(today)
    periods = rules.periods_between(rules.period_of(found["first"]), now)[::-1]
    if found["running"] or found["last"] is None:
        return periods, now
    return periods, rules.period_of(min(found["last"], today))


@dataclass
class Tally:
    """Reports a member (or an area) had to make, and how they came in."""

    on_time: int = 0
    late: int = 0
    missing: int = 0
    not_due: int = 0

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    @property
    def required(self) -> int:
        return self.on_time + self.late + self.missing + self.not_due


@dataclass
class BoardLine:
    """One assignment in the quarter: the member, the area, and the member's report."""

    person: Person
    unit: Unit
    field: str
    status: ReportStatus
    report_url: str | None = None
    person_url: str | None = None
    unit_url: str | None = None


@dataclass
class TallyLine:
    """A member or an area with its tally; `others` are the areas (or the members) beside."""

    subject: Person | Unit
    url: str | None
    tally: Tally = field(default_factory=Tally)
    others: list = field(default_factory=list)


@dataclass
class QuarterBoard:
    period: str
    as_of: date
    due: date
    rule: str
    lines: list[BoardLine]
    members: Tally  # each member once in the quarter
    by_unit: list[TallyLine]
    stage: tuple[str, str]
    stage_rule: str
    stage_members: list[TallyLine]
    stage_units: list[TallyLine]
    stage_total: Tally
    # Each quarter of the stage begun by `as_of`, each member once (the charts' figures).
    stage_periods: list[tuple[str, Tally]] = field(default_factory=list)

    @property
    def period_label(self) -> str:
        return period_label(self.period)

    @property
    def stage_years(self) -> tuple[str, str]:
        return self.stage[0][:4], self.stage[1][:4]


def _links(model, user, ids) -> dict[int, str]:
    """The pages of those of `ids` (a subquery) that open for the user, in one query: a page
    links only what opens for its reader (docs/roles.md)."""
    from dangbo.core.views import inspect_url_name
    from dangbo.org.policy import policy_for

    name = inspect_url_name(model)
    if not name:
        return {}
    opens = policy_for(model).visible(user).filter(pk__in=ids).values_list("pk", flat=True)
    return {pk: reverse(name, args=(quote(pk),)) for pk in opens}


def quarter_board(
    *, user, period: str, unit: Unit | None = None, as_of: date | None = None
) -> QuarterBoard:
    """The quarter board: each member × each area (assignment) overlapping the quarter, with
    the member's report as of `as_of`, totals per area and per member; and the scheme's
    figures for the whole stage holding the quarter (RULES §6: who must report is every
    member with an assignment overlapping the quarter; a report filed after `as_of` is not
    yet known). Only what the user reaches; `unit` narrows to the areas under a committee.
    A fixed number of queries, whatever the number of members and quarters."""
    as_of = as_of or timezone.localdate()
    day = report_day()
    first_period, last_period = rules.scheme_stage(period)
    stage_first, stage_last = (
        rules.quarter_bounds(first_period)[0],
        rules.quarter_bounds(last_period)[1],
    )
    assignments = (
        assignment_list_visible_to(user=user)
        .filter(start_date__lte=stage_last)
        .exclude(end_date__lt=stage_first)
    )
    if unit is not None:
        assignments = scope.in_subtree_and_history(assignments, "unit", unit)
    chosen = assignments.order_by()  # subqueries below: no list of ids, whatever the size
    assignments = list(assignments.order_by("person__full_name", "unit__name", "start_date"))
    # The quarters of the stage begun by `as_of`: a later quarter has no report due yet.
    periods = [
        p
        for p in rules.periods_between(first_period, last_period)
        if rules.quarter_bounds(p)[0] <= as_of or p == period
    ]
    person_ids = {a.person_id for a in assignments}
    submitted: dict[str, dict[str, date]] = defaultdict(dict)
    report_ids: dict[tuple[str, str], int] = {}
    if person_ids:
        reports = (
            report_list_visible_to(user=user)
            .filter(person_id__in=chosen.values("person_id"), period__in=periods)
            .values_list("pk", "person__code", "period", "submitted_date")
        )
        for pk, code, p, day_filed in reports:
            submitted[p][code] = day_filed
            report_ids[(code, p)] = pk
    bounds = {p: rules.quarter_bounds(p) for p in periods}
    statuses: dict[str, dict[str, ReportStatus]] = {}
    for p, (first, last) in bounds.items():
        must = {a.person.code for a in assignments if _overlaps(a, first, last)}
        statuses[p] = _statuses(must, submitted[p], p, as_of, day)

    people = _links(Person, user, chosen.values("person_id")) if person_ids else {}
    units = _links(Unit, user, chosen.values("unit_id")) if person_ids else {}
    # The reports were read through the user's scope (the report policy's own selector).
    report_url = {
        pk: reverse("supervision_report:inspect", args=(quote(pk),)) for pk in report_ids.values()
    }
    first, last = bounds[period]
    lines, members, by_unit = [], Tally(), {}
    counted: set[int] = set()
    for a in assignments:
        if not _overlaps(a, first, last):
            continue
        status = statuses[period][a.person.code]
        known = report_ids.get((a.person.code, period)) if status.submitted else None
        lines.append(
            BoardLine(
                a.person,
                a.unit,
                a.field,
                status,
                report_url.get(known),
                people.get(a.person_id),
                units.get(a.unit_id),
            )
        )
        if a.person_id not in counted:
            counted.add(a.person_id)
            members.add(status.status)
        area = by_unit.setdefault(a.unit_id, TallyLine(a.unit, units.get(a.unit_id)))
        if a.person not in area.others:
            area.others.append(a.person)
            area.tally.add(status.status)

    stage_members: dict[int, TallyLine] = {}
    stage_units: dict[int, TallyLine] = {}
    seen: set[tuple[int, int, str]] = set()
    total = Tally()
    per_period: list[tuple[str, Tally]] = []
    for p, (first, last) in bounds.items():
        if rules.quarter_bounds(p)[0] > as_of:
            continue
        quarter = Tally()
        for status in statuses[p].values():
            total.add(status.status)
            quarter.add(status.status)
        per_period.append((p, quarter))
        for a in assignments:
            if not _overlaps(a, first, last):
                continue
            status = statuses[p][a.person.code]
            member = stage_members.setdefault(
                a.person_id, TallyLine(a.person, people.get(a.person_id))
            )
            if a.unit not in member.others:
                member.others.append(a.unit)
            if (a.person_id, 0, p) not in seen:
                seen.add((a.person_id, 0, p))
                member.tally.add(status.status)
            area = stage_units.setdefault(a.unit_id, TallyLine(a.unit, units.get(a.unit_id)))
            if a.person not in area.others:
                area.others.append(a.person)
            if (a.person_id, a.unit_id, p) not in seen:
                seen.add((a.person_id, a.unit_id, p))
                area.tally.add(status.status)
    due_status = _statuses(["-"], {}, period, as_of, day)["-"]
    return QuarterBoard(
        period=period,
        as_of=as_of,
        due=due_status.due,
        rule=due_status.rule,
        lines=lines,
        members=members,
        by_unit=sorted(by_unit.values(), key=lambda t: t.subject.name),
        stage=(first_period, last_period),
        stage_rule=rules.scheme_rule(period),
        stage_members=sorted(stage_members.values(), key=lambda t: t.subject.full_name),
        stage_units=sorted(stage_units.values(), key=lambda t: t.subject.name),
        stage_total=total,
        stage_periods=per_period,
    )


def _overlaps(assignment, first: date, last: date) -> bool:
    return assignment.start_date <= last and (
        assignment.end_date is None or assignment.end_date >= first
    )


def report_file_visible_to(*, user, pk: int) -> SupervisionReportFile | None:
    """An attachment the user may open: of a report in their scope, or of their own."""
    person_id = getattr(user, "person_id", None)
    visible = report_list_visible_to(user=user).values("pk")
    condition = Q(report__in=visible)
    if person_id is not None:
        condition |= Q(report__person_id=person_id)
    return SupervisionReportFile.objects.filter(condition, pk=pk).first()
