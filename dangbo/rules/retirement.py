"""Retirement date (RULES.md §2; Nghị định 135/2020/NĐ-CP, normal working conditions).

The retirement age for year Y is, for men, 60y0m before 2021, then 60y3m in 2021 rising by
3 months a year up to 62y0m; for women, 55y0m before 2021, then 55y4m in 2021 rising by
4 months a year up to 60y0m. A person retires on the date they reach the age of the year in
which they reach it: for Y = 2021, 2022, … take birth + age(Y); the first one that falls in
year Y is the retirement date (before 2021 the base age applies). "+ months" is the clamped
calendar arithmetic of :mod:`dangbo.rules.dates` (born 29 Feb → a 28 Feb date in common years).

The schedule is the :data:`dangbo.rules.versions.RETIREMENT_AGE` table (version v2021-01-01).
Pure Python, no Django.
"""

from __future__ import annotations

from datetime import date

from dangbo.rules.dates import add_months
from dangbo.rules.versions import RETIREMENT_AGE, RetirementSchedule

__all__ = ["GENDERS", "RULE", "retirement_age_months", "retirement_date", "schedule_for"]

GENDERS = ("M", "F")
RULE = RETIREMENT_AGE[-1].label


def schedule_for(gender: str) -> RetirementSchedule:
    """The roadmap for ``gender`` ("M" or "F"); ``ValueError`` otherwise."""
    schedules = RETIREMENT_AGE[-1].value
    if gender not in schedules:
        raise ValueError(f"gender must be 'M' or 'F', not {gender!r}")
    return schedules[gender]


def retirement_date(birth: date, gender: str) -> date:
    """Return the retirement date of a person born on ``birth`` of ``gender`` ("M"/"F")."""
    schedule = schedule_for(gender)
    at_base = add_months(birth, schedule.base)
    if at_base.year < schedule.first_year:
        return at_base
    # year(birth + age(Y)) - Y never increases and drops by at most 1 a year, and it is >= 0
    # in the first year, so the first Y where it is 0 exists (at the latest once capped).
    year = schedule.first_year
    while True:
        reached = add_months(birth, schedule.age_months(year))
        if reached.year == year:
            return reached
        if reached.year < year:  # pragma: no cover - impossible, see above
            raise AssertionError(f"retirement roadmap skipped a year for {birth}")
        year += 1


def retirement_age_months(birth: date, gender: str) -> int:
    """The age, in months, at which the person retires (the age of their retirement year)."""
    return schedule_for(gender).age_months(retirement_date(birth, gender).year)
