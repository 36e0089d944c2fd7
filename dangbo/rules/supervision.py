"""Regular supervision reports (giám sát thường xuyên), RULES.md §6.

Source: 296-QĐ/TW (30/5/2025); before it 22-QĐ/TW (28/7/2021) and 30-QĐ/TW (26/7/2016):
committee members supervise the areas and fields assigned to them. The deadline is local: in
Tân Kỳ each member reports in writing by the 25th of the last month of each quarter
(``report_day`` setting, default 25; a day past the month's end means its last day). The
version cited is the one in force on the period's due date
(:data:`dangbo.rules.versions.SUPERVISION`).

- Periods are written ``YYYYQn``; due date = ``report_day`` of the quarter's last month.
- Who must report: every person with an assignment overlapping the quarter (start <= last
  day and end empty or >= first day).
- Status as of D (a report submitted after D is not yet known): ``on_time`` (submitted <=
  due), ``late`` (submitted > due), ``missing`` (none and D > due), ``not_due`` (none and
  D <= due).

Pure Python, no Django.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from dangbo.rules.versions import (
    SUPERVISION,
    SUPERVISION_DEADLINE,
    SUPERVISION_SCHEME,
    applicable,
)

__all__ = [
    "DEFAULT_REPORT_DAY",
    "STATUSES",
    "Assignment",
    "due_date",
    "format_period",
    "parse_period",
    "period_of",
    "periods_between",
    "quarter_bounds",
    "rule_for",
    "scheme_rule",
    "scheme_stage",
    "status_of",
    "supervision_review",
]

DEFAULT_REPORT_DAY = 25
STATUSES = ("on_time", "late", "missing", "not_due")
_PERIOD = re.compile(r"(\d{4})Q([1-4])")

Period = tuple[int, int]


def parse_period(text: str) -> Period:
    """``"2019Q1"`` -> (2019, 1); ``ValueError`` for anything else."""
    m = _PERIOD.fullmatch(text.strip()) if isinstance(text, str) else None
    if m is None:
        raise ValueError(f"period must be written YYYYQn (n = 1..4), not {text!r}")
    year = int(m.group(1))
    if year < 1:
        raise ValueError(f"bad year in period {text!r}")
    return year, int(m.group(2))


def format_period(period: Period) -> str:
    year, quarter = period
    return f"{year:04d}Q{quarter}"


def _as_period(period: Period | str) -> Period:
    if isinstance(period, str):
        return parse_period(period)
    year, quarter = period
    if not (1 <= quarter <= 4 and 1 <= year <= 9999):
        raise ValueError(f"bad period {period!r}")
    return year, quarter


def quarter_bounds(period: Period | str) -> tuple[date, date]:
    """First and last day of the quarter."""
    year, quarter = _as_period(period)
    last_month = 3 * quarter
    return (
        date(year, last_month - 2, 1),
        date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


def due_date(period: Period | str, report_day: int = DEFAULT_REPORT_DAY) -> date:
    """``report_day`` of the quarter's last month, clamped to the month's last day."""
    if not 1 <= report_day <= 31:
        raise ValueError(f"report_day must be 1..31, not {report_day}")
    year, quarter = _as_period(period)
    month = 3 * quarter
    return date(year, month, min(report_day, calendar.monthrange(year, month)[1]))


def rule_for(period: Period | str, report_day: int = DEFAULT_REPORT_DAY) -> str:
    """The regulation version in force on the period's due date, and the local deadline."""
    version = applicable(SUPERVISION, due_date(period, report_day))
    return f"{version.label} + {SUPERVISION_DEADLINE.format(day=report_day)}"


def period_of(day: date) -> str:
    """The period (YYYYQn) holding ``day``."""
    return format_period((day.year, (day.month - 1) // 3 + 1))


def periods_between(first: Period | str, last: Period | str) -> list[str]:
    """The periods from ``first`` to ``last``, both included (none if ``last`` < ``first``)."""
    year, quarter = _as_period(first)
    end = _as_period(last)
    periods = []
    while (year, quarter) <= end:
        periods.append(format_period((year, quarter)))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return periods


def scheme_stage(period: Period | str) -> tuple[str, str]:
    """First and last period of the scheme's stage holding ``period``.

    The scheme counts five-year stages from 2016 (:data:`SUPERVISION_SCHEME`): 2016–2020,
    2021–2025, …; a year before the first stage falls in the stage that would hold it.
    """
    start, years, _citation = SUPERVISION_SCHEME
    year, _quarter = _as_period(period)
    first = start + (year - start) // years * years
    return format_period((first, 1)), format_period((first + years - 1, 4))


def scheme_rule(period: Period | str) -> str:
    """How the stage holding ``period`` is cited ("… giai đoạn 2016–2020")."""
    first, last = scheme_stage(period)
    return SUPERVISION_SCHEME[2].format(first=first[:4], last=last[:4])


@dataclass(frozen=True)
class Assignment:
    """A supervision assignment: ``person_code`` supervises area ``unit_code`` (and field)."""

    person_code: str
    unit_code: str
    start: date
    end: date | None = None
    field: str = ""

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


def status_of(submitted: date | None, due: date, as_of: date) -> str:
    """One of :data:`STATUSES`; a report submitted after ``as_of`` counts as none."""
    if submitted is not None and submitted > as_of:
        submitted = None
    if submitted is not None:
        return "on_time" if submitted <= due else "late"
    return "missing" if as_of > due else "not_due"


def supervision_review(
    assignments: Iterable[Assignment],
    reports: Mapping[str, date],
    period: Period | str,
    as_of: date,
    report_day: int = DEFAULT_REPORT_DAY,
) -> list[dict[str, Any]]:
    """The ``supervision`` review: one object per person who must report, by person_code.

    ``reports`` maps person_code to the submitted date of their report for ``period``.
    """
    first, last = quarter_bounds(_as_period(period))
    must_report = {a.person_code for a in assignments if a.overlaps(first, last)}
    return report_statuses(must_report, reports, period, as_of, report_day)


def report_statuses(
    must_report: Iterable[str],
    reports: Mapping[str, date],
    period: Period | str,
    as_of: date,
    report_day: int = DEFAULT_REPORT_DAY,
) -> list[dict[str, Any]]:
    """The review for people already known to hold an assignment overlapping the quarter.

    A database can find them (the overlap with :func:`quarter_bounds`); the status of each
    is decided here. A report submitted after ``as_of`` is not yet known.
    """
    p = _as_period(period)
    due = due_date(p, report_day)
    rule = rule_for(p, report_day)
    text, due_text = format_period(p), due.isoformat()
    out = []
    for person in sorted(set(must_report)):
        submitted = reports.get(person)
        known = submitted if submitted is not None and submitted <= as_of else None
        out.append(
            {
                "person_code": person,
                "period": text,
                "due": due_text,
                "submitted": known.isoformat() if known else None,
                "status": status_of(submitted, due, as_of),
                "rule": rule,
            }
        )
    return out
