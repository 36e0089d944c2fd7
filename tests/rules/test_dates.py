"""Calendar arithmetic of RULES.md (preamble on dates)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.rules.dates import add_months, add_years, full_months

# Wide enough for leap centuries (1900 is not a leap year, 2000 is), far from the date limits.
dates = st.dates(min_value=date(1890, 1, 1), max_value=date(2110, 12, 31))
month_counts = st.integers(min_value=-600, max_value=600)


def naive_full_months(a: date, b: date) -> int:
    n = 0
    while add_months(a, n + 1) <= b:
        n += 1
    return n


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # the RULES.md example
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 2, date(2024, 3, 31)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 1, 15), -1, date(2023, 12, 15)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 1, 15), -13, date(2022, 12, 15)),
        (date(2024, 5, 5), 0, date(2024, 5, 5)),
        (date(2016, 3, 15), 96, date(2024, 3, 15)),
    ],
)
def test_add_months(d, n, expected):
    assert add_months(d, n) == expected


def test_add_years_is_twelve_months():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2024, 2, 29), -1) == date(2023, 2, 28)
    assert add_years(date(2016, 3, 15), 8) == date(2024, 3, 15)


def test_add_months_out_of_range():
    with pytest.raises(OverflowError):
        add_months(date(9999, 12, 1), 1)
    with pytest.raises(OverflowError):
        add_months(date(1, 1, 1), -1)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # RULES.md examples
        (date(2016, 3, 15), date(2024, 3, 14), 95),
        (date(2016, 3, 15), date(2024, 3, 15), 96),
        (date(2016, 1, 31), date(2016, 2, 29), 1),
        # month ends: a start on the 31st completes a month on a shorter month's last day
        (date(2016, 1, 31), date(2016, 2, 28), 0),
        (date(2015, 1, 31), date(2015, 2, 28), 1),
        (date(2016, 1, 31), date(2016, 3, 30), 1),
        (date(2016, 1, 31), date(2016, 3, 31), 2),
        (date(2016, 8, 31), date(2024, 8, 30), 95),
        (date(2016, 8, 31), date(2024, 8, 31), 96),
        (date(2016, 5, 31), date(2024, 4, 30), 95),
        # 29 February
        (date(2016, 2, 29), date(2017, 2, 28), 12),
        (date(2016, 2, 29), date(2017, 2, 27), 11),
        # same day, year turn, b before a
        (date(2020, 6, 1), date(2020, 6, 1), 0),
        (date(2020, 12, 31), date(2021, 1, 30), 0),
        (date(2020, 12, 31), date(2021, 1, 31), 1),
        (date(2020, 6, 2), date(2020, 6, 1), 0),
        (date(2020, 6, 1), date(2010, 6, 1), 0),
    ],
)
def test_full_months_examples(a, b, expected):
    assert full_months(a, b) == expected


@given(dates, st.integers(min_value=0, max_value=600))
def test_full_months_inverts_add_months(a, n):
    # Holds for every day of the month, 29-31 included: a + n months is strictly increasing
    # in n, so a + n months is reached by n and not by n + 1. (The converse fails: b need not
    # be a + full_months(a, b) months, and (a + 1) + 1 month need not be a + 2 months.)
    assert full_months(a, add_months(a, n)) == n


@given(dates, dates)
def test_full_months_is_the_largest_n(a, b):
    n = full_months(a, b)
    if b < a:
        assert n == 0
    else:
        assert n >= 0
        assert add_months(a, n) <= b < add_months(a, n + 1)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=400),
)
def test_full_months_matches_naive_count(a, days):
    b = date.fromordinal(a.toordinal() + days)
    assert full_months(a, b) == naive_full_months(a, b)


@given(dates, dates, dates)
def test_full_months_is_monotone_in_b(a, b1, b2):
    lo, hi = sorted((b1, b2))
    assert full_months(a, lo) <= full_months(a, hi)


@given(dates, month_counts, month_counts)
def test_add_months_is_monotone_in_n(d, m, n):
    if m < n:
        assert add_months(d, m) < add_months(d, n)


@given(dates, month_counts)
def test_add_months_day_is_clamped_not_carried(d, n):
    r = add_months(d, n)
    assert (r.year * 12 + r.month) - (d.year * 12 + d.month) == n
    is_month_end = (r + timedelta(days=1)).day == 1
    assert r.day == d.day or (r.day < d.day and is_month_end)


@given(dates, st.integers(min_value=-50, max_value=50))
def test_add_years(d, n):
    assert add_years(d, n) == add_months(d, 12 * n)
