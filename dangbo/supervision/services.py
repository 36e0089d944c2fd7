"""Writes to supervision assignments and quarterly reports (RULES §6)."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core import audit, records
from dangbo.core.dates import vn_date
from dangbo.core.errors import InputError, Problem
from dangbo.org.models import Unit
from dangbo.org.policy import ADD, CHANGE
from dangbo.org.validation import check_period, check_within
from dangbo.people.models import Person
from dangbo.rules.supervision import parse_period, quarter_bounds
from dangbo.supervision.models import (
    SupervisionAssignment,
    SupervisionReport,
    SupervisionReportFile,
)
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
    return records.end(
        current,
        end_date,
        problems=problems,
        actor=actor,
        source=source,
        expected_version=expected_version,
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


def check_files(files) -> list[Problem]:
    """Every attachment within the size limit (settings.DANGBO_REPORT_FILE_MAX_BYTES)."""
    limit = settings.DANGBO_REPORT_FILE_MAX_BYTES
    return [
        Problem(
            "files",
            _("The file %(name)s is %(size)s; a file may be at most %(limit)s.")
            % {"name": f.name, "size": filesizeformat(f.size), "limit": filesizeformat(limit)},
            f.name,
        )
        for f in files
        if f.size > limit
    ]


@transaction.atomic
def report_file_own(
    *,
    actor,
    person: Person,
    period: str,
    summary: str,
    files=(),
    source: str = audit.SOURCE_SCREEN,
) -> SupervisionReport:
    """A committee member files their own report for a quarter of one of their assignments.

    The date filed is today in Vietnam, set here; the report counts on time or late by the
    rule (RULES §6). A second report for the same quarter is refused; so is a report for
    anyone but the person the login is linked to.
    """
    if problems := check_period_text(period):
        raise InputError(problems)
    period = period.strip()
    if not report_policy.may_file_own(actor, person, period):
        raise PermissionError(
            _(
                "You may file only your own report, for a quarter in which you hold a "
                "supervision assignment (%(period)s)."
            )
            % {"period": period}
        )
    today = timezone.localdate()
    problems = []
    if quarter_bounds(period)[0] > today:
        problems.append(
            Problem("period", _("The quarter %(period)s has not begun.") % {"period": period})
        )
    filed = SupervisionReport.objects.filter(person=person, period=period).first()
    if filed is not None:
        problems.append(
            Problem(
                "period",
                _("You already filed your report for %(period)s on %(date)s.")
                % {"period": period, "date": vn_date(filed.submitted_date)},
                period,
            )
        )
    if not summary.strip():
        problems.append(Problem("summary", _("Write what the report says.")))
    problems += check_files(files)
    if problems:
        raise InputError(problems)
    report = SupervisionReport(
        person=person, period=period, submitted_date=today, summary=summary.strip()
    )
    records.create(report, actor=actor, source=source)
    stored = []
    try:
        for upload in files:
            attachment = SupervisionReportFile(
                report=report, name=upload.name[:255], size=upload.size
            )
            attachment.file.save(upload.name, upload, save=False)
            stored.append(attachment.file)
            records.create(attachment, actor=actor, source=source)
    except BaseException:
        # The transaction is rolled back: leave no file behind either.
        for file in stored:
            file.delete(save=False)
        raise
    return report
