"""Writes to supervision assignments and quarterly reports (RULES §6)."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from dangbo.core import audit, records
from dangbo.core.errors import InputError, Problem
from dangbo.org.models import Unit
from dangbo.org.policy import ADD, CHANGE
from dangbo.org.validation import check_period, check_within
from dangbo.people.models import Person
from dangbo.rules.supervision import parse_period
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport
from dangbo.supervision.permissions import assignment_policy, report_policy


def check_period_text(period: str) -> list[Problem]:
    try:
        parse_period(period)
    except ValueError:
        return [Problem("period", _("A period is written YYYYQn, e.g. 2019Q1."), period)]
    return []


@transaction.atomic
def assignment_create(
    *,
    actor,
    person: Person,
    unit: Unit,
    start_date: date,
    field: str = "",
    end_date: date | None = None,
    source: str = audit.SOURCE_SCREEN,
) -> SupervisionAssignment:
    """Assign a committee member an area (unit) and field to supervise."""
    assignment_policy.require(actor, ADD, unit)
    problems = check_period(start_date, end_date, "end_date") + check_within(
        start_date,
        end_date,
        unit.valid_from,
        unit.valid_to,
        what=_("The unit %(unit)s") % {"unit": unit.name},
        field="unit",
    )
    if SupervisionAssignment.objects.filter(
        person=person, unit=unit, start_date=start_date
    ).exists():
        problems.append(Problem("start_date", _("This assignment already exists.")))
    if problems:
        raise InputError(problems)
    assignment = SupervisionAssignment(
        person=person, unit=unit, field=field, start_date=start_date, end_date=end_date
    )
    return records.create(assignment, actor=actor, source=source)


@transaction.atomic
def assignment_end(
    *,
    actor,
    assignment: SupervisionAssignment,
    end_date: date,
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> SupervisionAssignment:
    current = (
        SupervisionAssignment.objects.select_for_update()
        .select_related("unit")
        .get(pk=assignment.pk)
    )
    assignment_policy.require(actor, CHANGE, current.unit)
    problems = check_period(current.start_date, end_date, "end_date")
    if problems:
        raise InputError(problems)
    return records.update(
        current,
        {"end_date": end_date},
        actor=actor,
        source=source,
        expected_version=expected_version,
        action=audit.END,
    )


@transaction.atomic
def report_submit(
    *,
    actor,
    person: Person,
    period: str,
    submitted_date: date,
    summary: str = "",
    source: str = audit.SOURCE_SCREEN,
) -> SupervisionReport:
    """Record a member's written report for a quarter (filed by the office that received it)."""
    report_policy.require(actor, ADD, person.unit)
    problems = check_period_text(period)
    if SupervisionReport.objects.filter(person=person, period=period).exists():
        problems.append(Problem("period", _("This member already reported for this period.")))
    if problems:
        raise InputError(problems)
    report = SupervisionReport(
        person=person, period=period, submitted_date=submitted_date, summary=summary
    )
    return records.create(report, actor=actor, source=source)
