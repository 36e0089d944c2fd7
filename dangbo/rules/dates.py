"""Calendar arithmetic used by every rule (RULES.md, preamble on dates).

"+ N months" is calendar arithmetic clamped to the month's last day (2024-01-31 + 1 month =
2024-02-29); "+ N years" is + 12N months; "full months from a to b" is the largest n with
a + n months <= b. Pure functions on :class:`datetime.date`, no Django.
"""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["add_months", "add_years", "full_months"]


def add_months(d: date, n: int) -> date:
    """Return ``d`` + ``n`` calendar months, clamped to the last day of the target month.

    ``n`` may be negative. Raises ``OverflowError`` outside years 1..9999.
    """
    year, month0 = divmod(d.year * 12 + (d.month - 1) + n, 12)
    if not 1 <= year <= 9999:
        raise OverflowError(f"{d.isoformat()} + {n} months is out of the date range")
    month = month0 + 1
    if d.day <= 28:  # every month has these days: nothing to clamp (and no calendar call)
        return date(year, month, d.day)
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: date, n: int) -> date:
    """Return ``d`` + ``n`` years, defined by RULES.md as + 12n months (29 Feb -> 28 Feb)."""
    return add_months(d, 12 * n)


def full_months(a: date, b: date) -> int:
    """Return the number of full months from ``a`` to ``b``: the largest n with a + n months <= b.

    2016-03-15 -> 2024-03-14 is 95, -> 2024-03-15 is 96; 2016-01-31 -> 2016-02-29 is 1.
    Returns 0 when ``b`` < ``a``: no time has elapsed, and no rule wants a negative count.
    """
    if b < a:
        return 0
    n = (b.year - a.year) * 12 + (b.month - a.month)
    # a + n months lands in b's month; only the (clamped) day can overshoot b, by less than a
    # month, so one step back is always enough.
    if add_months(a, n) > b:
        n -= 1
    return n
