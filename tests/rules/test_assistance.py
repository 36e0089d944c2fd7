"""Grassroots assessment and help, RULES.md §3 (Tân Kỳ practice)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.rules.assistance import (
    LEAD,
    RULE,
    Assessment,
    Helper,
    assistance_findings,
    deadline,
    findings_from_lead_counts,
    lead_counts,
    level_agrees,
    level_for_score,
    progress,
    weak_units,
)


@pytest.mark.parametrize(
    ("score", "level"),
    [(0, "weak"), (49.9, "weak"), (50, "average"), (74.99, "average"), (75, "good"), (100, "good")],
)
def test_level_for_score(score, level):
    assert level_for_score(score) == level


def test_level_bands_setting_and_bad_scores():
    assert level_for_score(55, bands=(60, 80)) == "weak"
    assert level_for_score(80, bands=(60, 80)) == "good"
    with pytest.raises(ValueError):
        level_for_score(101)
    with pytest.raises(ValueError):
        level_for_score(-1)
    with pytest.raises(ValueError):
        level_for_score(50, bands=(80, 60))


def test_level_agrees():
    assert level_agrees(40, "weak") and level_agrees(40, None) and level_agrees(40, "")
    assert not level_agrees(40, "average")


def test_weak_units():
    rows = [Assessment(2023, "A", 30), Assessment(2023, "B", 60), Assessment(2022, "C", 10)]
    assert weak_units(rows, 2023) == {"A"}
    assert weak_units(rows, 2023, bands=(65, 80)) == {"A", "B"}


def lead(unit, start, end=None, helper="H1"):
    return Helper(unit, helper, "lead", start, end)


def test_lead_active_on_31_march_next_year():
    weak = ["U3", "U1", "U2", "U4", "U5"]
    helpers = [
        lead("U1", date(2024, 3, 31)),  # starts on the day: fine
        lead("U2", date(2024, 4, 1)),  # too late
        Helper("U2", "H9", "support", date(2024, 1, 1)),  # support does not count
        lead("U3", date(2024, 1, 1), helper="H1"),
        lead("U3", date(2024, 2, 1), date(2024, 3, 31), helper="H2"),  # ends on the day
        lead("U4", date(2023, 6, 1), date(2024, 3, 30)),  # ended the day before
        lead("U5", date(2023, 6, 1), date(2024, 3, 30)),
        lead("U5", date(2024, 3, 31), helper="H2"),  # handover: one lead on the day
        lead("U9", date(2020, 1, 1)),  # not weak
        lead("U9", date(2020, 1, 1), helper="H2"),
    ]
    out = assistance_findings(weak, helpers, 2023)
    assert out == [
        {"unit_code": "U2", "finding": "no_lead_helper", "rule": RULE},
        {"unit_code": "U3", "finding": "two_leads", "rule": RULE},
        {"unit_code": "U4", "finding": "no_lead_helper", "rule": RULE},
    ]


def test_progress():
    helpers = [
        lead("U1", date(2022, 5, 1)),
        Helper("U1", "H2", "support", date(2021, 9, 1), date(2023, 1, 1)),
        lead("U2", date(2024, 1, 1)),
    ]
    ratings = {"U1": {2020: "khong_hoan_thanh", 2021: "hoan_thanh", 2023: "tot"}}
    out = progress(helpers, ratings)
    assert [o["unit_code"] for o in out] == ["U1", "U2"]
    assert out[0]["since"] == 2021 and out[0]["since_date"] == "2021-09-01"
    assert out[0]["lead_codes"] == ["H1"] and out[0]["support_codes"] == ["H2"]
    assert out[0]["ratings"] == [
        {"year": 2021, "level": "hoan_thanh"},
        {"year": 2022, "level": None},
        {"year": 2023, "level": "tot"},
    ]
    assert out[1]["ratings"] == [{"year": 2024, "level": None}]
    assert progress(helpers, ratings, until_year=2025)[1]["ratings"][-1] == {
        "year": 2025,
        "level": None,
    }


units = st.sampled_from(["U1", "U2", "U3"])
some_dates = st.dates(min_value=date(2022, 1, 1), max_value=date(2026, 12, 31))


@given(
    st.sets(units),
    st.lists(
        st.builds(
            Helper,
            units,
            st.sampled_from(["H1", "H2"]),
            st.sampled_from(["lead", "support"]),
            some_dates,
            st.one_of(st.none(), some_dates),
        ),
        max_size=8,
    ),
    st.integers(2022, 2025),
)
def test_findings_match_lead_count(weak, helpers, year):
    out = assistance_findings(weak, helpers, year)
    keys = [(o["unit_code"], o["finding"]) for o in out]
    assert keys == sorted(set(keys))
    day = date(year + 1, 3, 31)
    for unit in weak:
        n = sum(
            1
            for h in helpers
            if h.unit_code == unit
            and h.role == "lead"
            and h.start <= day
            and (h.end is None or h.end >= day)
        )
        expected = [] if n == 1 else ["no_lead_helper" if n == 0 else "two_leads"]
        assert [f for u, f in keys if u == unit] == expected
    assert {u for u, _f in keys} <= weak


@given(
    st.sets(units),
    st.lists(
        st.builds(
            Helper,
            units,
            st.sampled_from(["H1", "H2"]),
            st.sampled_from(["lead", "support"]),
            some_dates,
            st.one_of(st.none(), some_dates),
        ),
        max_size=8,
    ),
    st.integers(2022, 2025),
)
def test_the_review_prefilter_drops_no_helper_that_counts(weak, helpers, year):
    """dangbo.reviews.assistance lets the database keep only leads active on the deadline
    (role = LEAD, start <= deadline, not end < deadline): the findings do not change."""
    day = deadline(year)
    kept = [h for h in helpers if h.role == LEAD and h.start <= day and not (h.end and h.end < day)]
    assert assistance_findings(weak, kept, year) == assistance_findings(weak, helpers, year)


@given(
    st.sets(st.sampled_from(["X1", "X2", "X3", "X4"])),
    st.lists(
        st.builds(
            Helper,
            unit_code=st.sampled_from(["X1", "X2", "X3", "X5"]),
            helper_code=st.sampled_from(["B1", "B2", "B3"]),
            role=st.sampled_from(["lead", "support"]),
            start=st.dates(date(2016, 1, 1), date(2018, 12, 31)),
            end=st.one_of(st.none(), st.dates(date(2016, 1, 1), date(2019, 12, 31))),
        )
    ),
)
def test_counting_leads_apart_gives_the_same_findings(weak, helpers):
    """A caller (the database) may count the leads; the rule still decides."""
    assert findings_from_lead_counts(weak, lead_counts(helpers, 2016)) == assistance_findings(
        weak, helpers, 2016
    )
