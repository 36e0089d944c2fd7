"""Committee terms (nhiệm kỳ): five years from the day a term started.

A unit's issuer profile keeps the day its current term started (its congress); the terms
before and after it are five years each. Numbers restart at each term ("2020-2025").
"""

from datetime import date

TERM_YEARS = 5
# The 2020–2025 congresses; an office sets its own day on its issuer profile.
DEFAULT_TERM_START = date(2020, 7, 1)


def _shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def term_of(day: date, started_on: date) -> str:
    """The term holding `day`, named by its first and last year: '2020-2025'."""
    start = started_on
    while day < start:
        start = _shift(start, -TERM_YEARS)
    while day >= _shift(start, TERM_YEARS):
        start = _shift(start, TERM_YEARS)
    return f"{start.year}-{start.year + TERM_YEARS}"
