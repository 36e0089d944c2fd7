"""Retirement date, RULES.md §2 (Nghị định 135/2020/NĐ-CP)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.rules.dates import add_months
from dangbo.rules.retirement import RULE, retirement_age_months, retirement_date


@pytest.mark.parametrize(
    ("birth", "gender", "expected"),
    [
        # Men: 60y3m in 2021.
        (date(1961, 6, 15), "M", date(2021, 9, 15)),
        # 60y3m would fall in 2022, so the 2022 age 60y6m applies: May 2022 (NĐ 135 annex).
        (date(1961, 11, 20), "M", date(2022, 5, 20)),
        (date(1961, 1, 1), "M", date(2021, 4, 1)),
        (date(1961, 9, 30), "M", date(2021, 12, 30)),
        (date(1961, 10, 1), "M", date(2022, 4, 1)),
        # Before 2021 the base age applies.
        (date(1960, 12, 31), "M", date(2020, 12, 31)),
        (date(1955, 5, 5), "M", date(2015, 5, 5)),
        # The cap: 62y0m from 2028.
        (date(1966, 1, 1), "M", date(2027, 10, 1)),  # 61y9m in 2027
        (date(1966, 4, 1), "M", date(2028, 4, 1)),
        (date(1980, 7, 7), "M", date(2042, 7, 7)),
        # Women: 55y4m in 2021, +4 months a year.
        (date(1966, 1, 10), "F", date(2021, 5, 10)),
        (date(1966, 8, 31), "F", date(2021, 12, 31)),
        (date(1966, 9, 10), "F", date(2022, 5, 10)),  # 55y8m (NĐ 135 annex: 9/1966 → 5/2022)
        (date(1966, 12, 31), "F", date(2022, 8, 31)),
        (date(1965, 12, 31), "F", date(2020, 12, 31)),
        (date(1980, 3, 3), "F", date(2040, 3, 3)),  # capped at 60y0m from 2035
    ],
)
def test_worked_examples(birth, gender, expected):
    assert retirement_date(birth, gender) == expected


def test_feb_29_births():
    # Base age before 2021: 29 Feb + 60 years clamps to 28 Feb in a common year.
    assert retirement_date(date(1956, 2, 29), "M") == date(2016, 2, 29)
    assert retirement_date(date(1960, 2, 29), "F") == date(2015, 2, 28)
    # 2024: 61y0m → 2025-02-28, not in 2024; 2025: 61y3m → 2025-05-29.
    assert retirement_date(date(1964, 2, 29), "M") == date(2025, 5, 29)
    assert retirement_age_months(date(1964, 2, 29), "M") == 61 * 12 + 3
    # Women: 2021 age 55y4m → 2021-06-29.
    assert retirement_date(date(1966, 2, 28), "F") == date(2021, 6, 28)


def test_age_months():
    assert retirement_age_months(date(1961, 11, 20), "M") == 60 * 12 + 6
    assert retirement_age_months(date(1955, 1, 1), "F") == 55 * 12


def test_bad_gender():
    with pytest.raises(ValueError, match="gender"):
        retirement_date(date(1970, 1, 1), "X")


def test_rule_cites_decree():
    assert "135/2020" in RULE and "v2021-01-01" in RULE


births = st.dates(min_value=date(1900, 1, 1), max_value=date(2050, 12, 31))
genders = st.sampled_from(["M", "F"])


@given(births, births, genders)
def test_monotone_in_birth_date(a, b, gender):
    a, b = sorted((a, b))
    assert retirement_date(a, gender) <= retirement_date(b, gender)


@given(births, genders)
def test_between_base_and_max_age(birth, gender):
    base, cap = (720, 744) if gender == "M" else (660, 720)
    r = retirement_date(birth, gender)
    assert add_months(birth, base) <= r <= add_months(birth, cap)
    assert r == add_months(birth, retirement_age_months(birth, gender))


@given(births, genders)
def test_is_the_first_year_that_fits(birth, gender):
    """Direct reading of RULES: the first Y >= 2021 whose birth + age(Y) falls in Y."""
    base, step, cap = (720, 3, 744) if gender == "M" else (660, 4, 720)
    if add_months(birth, base).year < 2021:
        expected = add_months(birth, base)
    else:
        expected = next(
            add_months(birth, min(base + step * (y - 2020), cap))
            for y in range(2021, 2200)
            if add_months(birth, min(base + step * (y - 2020), cap)).year == y
        )
    assert retirement_date(birth, gender) == expected
    assert retirement_date(birth + timedelta(days=0), gender) == expected
