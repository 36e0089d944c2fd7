"""The daily schedule (lịch hằng ngày): on which days each notice is due (issue 11).

The schedule runs once a day (a cron line or a systemd timer, docs/operations.md) and asks,
for its day D, which occasions fall on D. Each occasion has a date of its own (a report's
due date, a decision's expiry, a tenure's milestone, a rotation's planned end, the first
day of a half-year); a notice is for one occasion, so the same occasion never makes two
notices for one person, whichever day and however often the schedule runs.

- Supervision (RULES §6, 296-QĐ/TW; Tân Kỳ deadline: the 25th of each quarter's last month):
  a reminder from ``due - N`` days to ``due`` (``N`` the reminder setting, default 7) to a
  member who has not reported by D; an overdue notice from ``due + 1`` until the next
  quarter's due date to a member whose report is ``missing`` as of D.
- Discipline (RULES §4, 69-QĐ/TW Điều 7; 264-QĐ/TW): a decision expires automatically on its
  ``expires_on`` (the first day it is no longer in force); the expiry is recorded on the day.
- Tenure (RULES §1, 65-QĐ/TW Điều 3 khoản 3): a tenure reaches 84 months (``approaching``:
  a year to plan a rotation) and 96 months (``over``: eight years) on ``since + 84`` and
  ``since + 96`` calendar months.
- Rotation (65-QĐ/TW, evaluation at the end of a rotation): a rotation ends within three
  months from the first day D with ``D + 3 months >= end``, until its end.
- Published discipline lists (RULES §4, Tân Kỳ practice): on 1 January the draft of the
  previous July–December list, on 1 July the draft of the January–June list.

An occasion that is an event (an expiry, a milestone, the first day of a half-year) is still
noticed for :data:`GRACE_DAYS` after its day, so that a fact entered a few days late (a post
back-dated, a complaint resolved on paper) is not missed; the schedule's catch-up covers the
days it did not run (:func:`days_to_run`).

Pure Python, no Django.
"""

from __future__ import annotations

from datetime import date, timedelta

from dangbo.rules.dates import add_months
from dangbo.rules.supervision import (
    DEFAULT_REPORT_DAY,
    due_date,
    format_period,
    parse_period,
    period_of,
)
from dangbo.rules.tenure import APPROACHING_MONTHS, OVER_MONTHS

__all__ = [
    "CATCH_UP_DAYS",
    "DEFAULT_REMINDER_DAYS",
    "EVALUATION_NOTICE_MONTHS",
    "GRACE_DAYS",
    "days_to_run",
    "evaluation_notice_from",
    "half_year_list",
    "in_grace",
    "next_period",
    "overdue_day",
    "overdue_period",
    "previous_period",
    "reminder_day",
    "reminder_period",
    "rotation_notice_due",
    "tenure_milestone",
]

#: Days before the due date a member is reminded (a per-installation setting, default 7).
DEFAULT_REMINDER_DAYS = 7
#: The longest reminder period accepted: more would overlap the previous quarter's due date.
MAX_REMINDER_DAYS = 60
#: A rotation is to be evaluated within three months of its end (the back office's home uses
#: the same horizon for "Rotations to evaluate").
EVALUATION_NOTICE_MONTHS = 3
#: How long an event's notice stays due after its day (see the module's docstring).
GRACE_DAYS = 31
#: The most days one run catches up on: a schedule stopped for longer starts again a year back.
CATCH_UP_DAYS = 366


def next_period(period: str) -> str:
    year, quarter = parse_period(period)
    return format_period((year + 1, 1) if quarter == 4 else (year, quarter + 1))


def previous_period(period: str) -> str:
    year, quarter = parse_period(period)
    return format_period((year - 1, 4) if quarter == 1 else (year, quarter - 1))


def reminder_day(due: date, days_before: int = DEFAULT_REMINDER_DAYS) -> date:
    """The first day a member is reminded of a report due on ``due``: ``due - N`` days."""
    if not 0 <= days_before <= MAX_REMINDER_DAYS:
        raise ValueError(f"days_before must be 0..{MAX_REMINDER_DAYS}, not {days_before}")
    return due - timedelta(days=days_before)


def overdue_day(due: date) -> date:
    """The day a report due on ``due`` and not filed is overdue: the day after (RULES §6,
    ``missing`` when D > due)."""
    return due + timedelta(days=1)


def reminder_period(
    day: date,
    report_day: int = DEFAULT_REPORT_DAY,
    days_before: int = DEFAULT_REMINDER_DAYS,
) -> str | None:
    """The period (YYYYQn) whose reminders are due on ``day``: reminder day <= day <= due."""
    here = period_of(day)
    for period in (here, next_period(here)):
        due = due_date(period, report_day)
        if reminder_day(due, days_before) <= day <= due:
            return period
    return None


def overdue_period(day: date, report_day: int = DEFAULT_REPORT_DAY) -> str:
    """The period whose overdue notices are due on ``day``: the latest one due before ``day``
    (from the day after its due date until the next quarter's due date)."""
    period = period_of(day)
    while due_date(period, report_day) >= day:
        period = previous_period(period)
    return period


def in_grace(occasion: date, day: date, grace: int = GRACE_DAYS) -> bool:
    """Is an event of ``occasion`` still to be noticed on ``day``? occasion <= day < +grace."""
    return occasion <= day < occasion + timedelta(days=grace)


def tenure_milestone(since: date, months: int, day: date) -> tuple[int, date] | None:
    """The milestone (84 or 96 months, RULES §1) a tenure held since ``since`` and
    ``months`` full months long on ``day`` (the tenure review's figures) reached, and its
    date, while still in its grace; None otherwise."""
    for milestone in (OVER_MONTHS, APPROACHING_MONTHS):
        if months >= milestone:
            occasion = add_months(since, milestone)
            return (milestone, occasion) if in_grace(occasion, day) else None
    return None


def evaluation_notice_from(ends: date, months: int = EVALUATION_NOTICE_MONTHS) -> date:
    """The first day D with D + ``months`` calendar months >= ``ends`` (the day a rotation
    ending on ``ends`` comes within the horizon)."""
    candidate = add_months(ends, -months)
    # Month ends clamp (30 May + 3 months = 30 Aug, 31 May too): step to the first such day.
    while add_months(candidate, months) < ends:
        candidate += timedelta(days=1)
    while add_months(candidate - timedelta(days=1), months) >= ends:
        candidate -= timedelta(days=1)
    return candidate


def rotation_notice_due(start: date, ends: date, day: date) -> bool:
    """Is a rotation from ``start`` planned to end on ``ends`` to be evaluated soon on
    ``day``? Begun, and within the horizon up to its end."""
    return start <= day and evaluation_notice_from(ends) <= day <= ends


def half_year_list(day: date) -> tuple[int, str, date] | None:
    """The half-year list whose draft is due on ``day``: (year, "H1" or "H2", occasion).

    1 January: the previous July–December (H2 of the year before); 1 July: January–June.
    """
    first_july = date(day.year, 7, 1)
    if in_grace(first_july, day):
        return day.year, "H1", first_july
    first_january = date(day.year, 1, 1)
    if in_grace(first_january, day):
        return day.year - 1, "H2", first_january
    return None


def days_to_run(last_done: date | None, day: date, cap: int = CATCH_UP_DAYS) -> list[date]:
    """The days one run for ``day`` covers, oldest first: those after the last day done up to
    ``day`` (at most ``cap`` of them), or ``day`` alone on a first run, or when ``day`` is
    not after the last day done (a day run again: its effects are already there)."""
    if cap < 1:
        raise ValueError("cap must be at least 1")
    if last_done is None or day <= last_done:
        return [day]
    first = max(last_done + timedelta(days=1), day - timedelta(days=cap - 1))
    return [first + timedelta(days=n) for n in range((day - first).days + 1)]
