"""Regular supervision reports, RULES.md §6 (296-QĐ/TW; 22-QĐ/TW; Tân Kỳ deadline)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.rules.supervision import (
    STATUSES,
    Assignment,
    due_date,
    format_period,
    parse_period,
    quarter_bounds,
    report_statuses,
    rule_for,
    status_of,
    supervision_review,
)


@pytest.mark.parametrize(
    ("text", "expected"), [("2019Q1", (2019, 1)), ("2025Q4", (2025, 4)), (" 2020Q2 ", (2020, 2))]
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected
    assert format_period(expected) == text.strip()


@pytest.mark.parametrize(
    "bad", ["2019Q5", "2019Q0", "2019-Q1", "19Q1", "2019q1", "", "0000Q1", None]
)
def test_parse_period_rejects(bad):
    with pytest.raises(ValueError):
        parse_period(bad)


@pytest.mark.parametrize(
    ("period", "due"),
    [
        ("2019Q1", date(2019, 3, 25)),
        ("2019Q2", date(2019, 6, 25)),
        ("2019Q3", date(2019, 9, 25)),
        ("2019Q4", date(2019, 12, 25)),
        ((2024, 1), date(2024, 3, 25)),
    ],
)
def test_due_date(period, due):
    assert due_date(period) == due


def test_due_date_clamped_to_month_end():
    assert due_date("2024Q2", report_day=31) == date(2024, 6, 30)
    assert due_date("2024Q1", report_day=31) == date(2024, 3, 31)
    assert due_date("2024Q3", report_day=10) == date(2024, 9, 10)
    with pytest.raises(ValueError):
        due_date("2024Q3", report_day=0)


def test_quarter_bounds():
    assert quarter_bounds("2024Q1") == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_bounds("2024Q2") == (date(2024, 4, 1), date(2024, 6, 30))
    assert quarter_bounds((2023, 4)) == (date(2023, 10, 1), date(2023, 12, 31))


def test_version_by_due_date():
    assert "30-QĐ/TW" in rule_for("2019Q1")
    assert "22-QĐ/TW" in rule_for("2021Q3")  # due 2021-09-25, after 28/7/2021
    assert "30-QĐ/TW" in rule_for("2021Q2")
    assert "22-QĐ/TW" in rule_for("2025Q1")
    assert "296-QĐ/TW" in rule_for("2025Q2")  # due 2025-06-25, after 30/5/2025
    assert "296-QĐ/TW" in rule_for("2025Q2") and "25" in rule_for("2025Q2")


def test_review_statuses_and_who_reports():
    assignments = [
        Assignment("P1", "U1", date(2020, 1, 1)),
        Assignment("P1", "U2", date(2024, 1, 1)),  # two areas: one object
        Assignment("P2", "U1", date(2024, 3, 31)),  # starts on the last day: overlaps
        Assignment("P3", "U1", date(2020, 1, 1), date(2024, 1, 1)),  # ends on the first day
        Assignment("P4", "U1", date(2020, 1, 1), date(2023, 12, 31)),  # ended before
        Assignment("P5", "U1", date(2024, 4, 1)),  # starts after
        Assignment("P6", "U1", date(2024, 2, 1)),
    ]
    reports = {
        "P1": date(2024, 3, 25),
        "P2": date(2024, 3, 26),
        "P6": date(2024, 4, 20),  # after as_of: not yet known
        "P4": date(2024, 3, 1),  # not required: not listed
    }
    out = supervision_review(assignments, reports, "2024Q1", as_of=date(2024, 4, 1))
    assert [(o["person_code"], o["submitted"], o["status"]) for o in out] == [
        ("P1", "2024-03-25", "on_time"),
        ("P2", "2024-03-26", "late"),
        ("P3", None, "missing"),
        ("P6", None, "missing"),
    ]
    assert all(o["period"] == "2024Q1" and o["due"] == "2024-03-25" for o in out)
    assert "22-QĐ/TW" in out[0]["rule"]
    out = supervision_review(assignments, reports, "2024Q1", as_of=date(2024, 3, 25))
    assert [o["status"] for o in out] == ["on_time", "not_due", "not_due", "not_due"]


def test_status_of_boundaries():
    due = date(2024, 3, 25)
    assert status_of(None, due, due) == "not_due"
    assert status_of(None, due, date(2024, 3, 26)) == "missing"
    assert status_of(due, due, due) == "on_time"
    assert status_of(date(2024, 3, 26), due, date(2024, 3, 26)) == "late"
    assert status_of(date(2024, 3, 26), due, date(2024, 3, 25)) == "not_due"


some_dates = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))


@given(
    st.one_of(st.none(), some_dates),
    some_dates,
    st.integers(2019, 2026),
    st.integers(1, 4),
    st.integers(1, 31),
)
def test_status_properties(submitted, as_of, year, quarter, report_day):
    assignments = [Assignment("P1", "U1", date(2019, 1, 1))]
    reports = {} if submitted is None else {"P1": submitted}
    (o,) = supervision_review(assignments, reports, (year, quarter), as_of, report_day)
    due = due_date((year, quarter), report_day)
    assert o["status"] in STATUSES
    known = submitted is not None and submitted <= as_of
    assert (o["status"] == "on_time") == (known and submitted <= due)
    assert (o["status"] == "late") == (known and submitted > due)
    assert (o["submitted"] is None) == (not known)
    assert quarter_bounds((year, quarter))[0] <= due <= quarter_bounds((year, quarter))[1]


@given(
    st.lists(
        st.builds(
            Assignment,
            person_code=st.sampled_from(["P1", "P2", "P3", "P4"]),
            unit_code=st.just("X1"),
            start=st.dates(date(2018, 1, 1), date(2019, 12, 31)),
            end=st.one_of(st.none(), st.dates(date(2018, 1, 1), date(2020, 12, 31))),
        )
    ),
    st.dictionaries(
        st.sampled_from(["P1", "P2", "P3"]), st.dates(date(2019, 1, 1), date(2019, 6, 30))
    ),
    st.dates(date(2019, 1, 1), date(2019, 12, 31)),
)
def test_statuses_of_people_found_elsewhere_equal_the_review(assignments, reports, as_of):
    """A database may find who must report (the overlap); the statuses are the rule's."""
    first, last = quarter_bounds("2019Q1")
    must = {a.person_code for a in assignments if a.overlaps(first, last)}
    assert report_statuses(must, reports, "2019Q1", as_of) == supervision_review(
        assignments, reports, "2019Q1", as_of
    )
