"""Rotation findings, RULES.md §2 (65-QĐ/TW; NĐ 135/2020; discipline §4)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.rules.dates import add_years
from dangbo.rules.discipline import Case
from dangbo.rules.retirement import retirement_date
from dangbo.rules.rotation import FINDINGS, Rotation, review_rotations, rotation_findings

MAN = (date(1980, 1, 1), "M")  # retires 2042-01-01
START = date(2024, 6, 1)


def rot(code="R1", start=START, months=36, to_role="head", reason=None, from_role=None, p="P1"):
    return Rotation(code, p, start, months, to_role, reason, from_role)


def findings(r, person=MAN, cases=()):
    return rotation_findings(r, birth_date=person[0], gender=person[1], person_cases=list(cases))


def case(form="canh_cao", announced=date(2024, 1, 10), code="K1", **kw):
    return Case(code, "person", "P1", date(2023, 5, 1), form, announced, announced, **kw)


def test_clean_rotation():
    assert findings(rot()) == []


def test_too_short():
    assert findings(rot(months=35)) == ["too_short"]
    assert findings(rot(months=36)) == []


def test_too_close_to_retirement_boundary():
    man = (date(1970, 5, 1), "M")
    assert retirement_date(*man) == date(2032, 5, 1)
    assert findings(rot(start=date(2022, 5, 1)), man) == []  # exactly 10 years left
    assert findings(rot(start=date(2022, 5, 2)), man) == ["too_close_to_retirement"]


@pytest.mark.parametrize("reason", ["term_limit", "non_local"])
def test_five_years_for_term_limit_and_non_local(reason):
    man = (date(1970, 5, 1), "M")
    assert findings(rot(start=date(2027, 5, 1), reason=reason), man) == []
    assert findings(rot(start=date(2027, 5, 2), reason=reason), man) == ["too_close_to_retirement"]
    assert findings(rot(start=date(2027, 5, 1), reason="development"), man) == [
        "too_close_to_retirement"
    ]


def test_woman_retirement():
    woman = (date(1975, 6, 15), "F")  # 59y8m would fall in 2035, whose age is 60y0m
    assert retirement_date(*woman) == date(2035, 6, 15)
    assert findings(rot(start=date(2025, 6, 15)), woman) == []
    assert findings(rot(start=date(2025, 6, 16)), woman) == ["too_close_to_retirement"]


def test_under_discipline_on_start():
    c = case(announced=date(2023, 6, 1))  # expires 2024-06-01
    assert findings(rot(start=date(2024, 5, 31)), cases=[c]) == ["under_discipline"]
    assert findings(rot(start=date(2024, 6, 1)), cases=[c]) == []
    future = case(announced=date(2024, 6, 2))
    assert findings(rot(), cases=[future]) == []


def test_promotion_barred_needs_a_higher_target():
    c = case(form="canh_cao", announced=date(2023, 1, 10))  # bar until 2025-07-10, expired 2024
    assert findings(rot(from_role="deputy", to_role="head"), cases=[c]) == ["promotion_barred"]
    assert findings(rot(from_role="member", to_role="deputy"), cases=[c]) == ["promotion_barred"]
    assert findings(rot(from_role="head", to_role="head"), cases=[c]) == []
    assert findings(rot(from_role="head", to_role="deputy"), cases=[c]) == []
    assert findings(rot(from_role=None, to_role="head"), cases=[c]) == []
    # The bar ends on 2025-07-10: a rotation starting that day is not barred.
    assert findings(rot(start=date(2025, 7, 10), from_role="deputy"), cases=[c]) == []
    assert findings(rot(start=date(2025, 7, 9), from_role="deputy"), cases=[c]) == [
        "promotion_barred"
    ]


def test_promotion_bar_version_boundary():
    # khien_trach announced 2025-10-07: 12 months (80-QĐ/TW); 2025-10-08: 24 (377-QĐ/TW).
    old = case(form="khien_trach", announced=date(2025, 10, 7))
    new = case(form="khien_trach", announced=date(2025, 10, 8))
    s = date(2027, 1, 1)
    assert findings(rot(start=s, from_role="deputy"), cases=[old]) == []
    assert findings(rot(start=s, from_role="deputy"), cases=[new]) == ["promotion_barred"]


def test_unit_cases_ignored_and_khai_tru_has_no_bar():
    unit = Case("K9", "unit", "P1", date(2023, 1, 1), "canh_cao", START, START)
    assert findings(rot(from_role="deputy"), cases=[unit]) == []
    expelled = case(form="khai_tru", announced=date(2020, 1, 1))
    assert findings(rot(from_role="deputy"), cases=[expelled]) == ["under_discipline"]


def test_unknown_role_raises():
    with pytest.raises(ValueError, match="role"):
        findings(rot(to_role="boss"))
    with pytest.raises(ValueError, match="role"):
        findings(rot(from_role="boss"))


def test_review_rotations():
    people = {"P1": MAN, "P2": (date(1970, 5, 1), "M")}
    c = case(announced=date(2024, 3, 1))
    rotations = [
        rot("R3", months=12, p="P2"),
        rot("R1", p="P1"),
        rot("R2", p="P1", from_role="deputy"),
    ]
    out = review_rotations(rotations, people, {"P1": [c]})
    assert [o["rotation_code"] for o in out] == ["R1", "R2", "R3"]
    assert out[0]["findings"] == ["under_discipline"]  # no from_role: no promotion check
    assert out[1]["findings"] == ["promotion_barred", "under_discipline"]
    assert out[1]["person_code"] == "P1"
    assert "65-QĐ/TW" in out[1]["rule"] and "69-QĐ/TW" in out[1]["rule"]
    assert "80-QĐ/TW" in out[1]["rule"]
    assert out[2]["findings"] == ["too_close_to_retirement", "too_short"]
    assert "135/2020" in out[2]["rule"] and "69-QĐ/TW" not in out[2]["rule"]
    out = review_rotations(rotations, people, {})
    assert [o["rotation_code"] for o in out] == ["R3"]


@given(
    st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(1, 120),
    st.sampled_from([None, "development", "term_limit", "non_local"]),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2000, 12, 31)),
    st.sampled_from(["M", "F"]),
)
def test_findings_are_sorted_and_match_definitions(start, months, reason, birth, gender):
    r = rot(start=start, months=months, reason=reason)
    got = findings(r, (birth, gender))
    assert got == sorted(got) and set(got) <= set(FINDINGS)
    assert ("too_short" in got) == (months < 36)
    years = 5 if reason in ("term_limit", "non_local") else 10
    assert ("too_close_to_retirement" in got) == (
        add_years(start, years) > retirement_date(birth, gender)
    )
    assert start + timedelta(days=0) == r.start
