"""Discipline, RULES.md §4 (69-QĐ/TW, 264-QĐ/TW, 80-QĐ/TW, 377-QĐ/TW, Điều lệ Đảng)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangbo.rules.dates import add_months, add_years
from dangbo.rules.discipline import (
    PROBLEM_MESSAGES,
    Case,
    CaseReview,
    case_rule,
    complaint_late,
    ended_on,
    expires_on,
    in_force_on,
    is_time_barred,
    limitation_start,
    limitation_until,
    promotion_bar_until,
    review_case,
    review_discipline,
    validate_case,
)


def case(
    code="K1",
    form="canh_cao",
    v=date(2020, 1, 10),
    decided=date(2023, 3, 1),
    announced=None,
    kind="person",
    subject="P1",
    **kw,
):
    return Case(code, kind, subject, v, form, decided, announced or decided, **kw)


def days(n):
    return timedelta(days=n)


# --- limitation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "years"), [("khien_trach", 5), ("canh_cao", 10), ("cach_chuc", 10)]
)
def test_limitation_boundary(form, years):
    v = date(2012, 2, 29)
    limit_end = add_years(v, years)
    assert not is_time_barred(case(form=form, v=v, decided=limit_end), [])
    assert is_time_barred(case(form=form, v=v, decided=limit_end + days(1)), [])


def test_limitation_month_end():
    # 29 Feb 2012 + 5 years = 28 Feb 2017 (clamped): decided on 1 Mar 2017 is too late.
    c = case(form="khien_trach", v=date(2012, 2, 29), decided=date(2017, 3, 1))
    assert is_time_barred(c, [])
    assert review_case(c, [c], date(2017, 3, 1)).limitation_until == date(2017, 2, 28)


@pytest.mark.parametrize(
    ("kw", "kind"),
    [
        ({"form": "khai_tru"}, "person"),
        ({"form": "giai_tan"}, "unit"),
        ({"form": "khien_trach", "category": "no_limit"}, "person"),
    ],
)
def test_no_limitation(kw, kind):
    c = case(v=date(1990, 1, 1), decided=date(2024, 1, 1), kind=kind, **kw)
    assert limitation_start(c, []) is None
    r = review_case(c, [], date(2024, 1, 1))
    assert not r.time_barred and r.limitation_until is None


def test_restart_chain():
    # khien_trach (5 years) for a 2010 violation, decided in 2019: barred on its own,
    # but violations in 2014 and 2018 restart the period twice (2018 + 5 = 2023).
    c = case(form="khien_trach", v=date(2010, 1, 1), decided=date(2019, 6, 1))
    assert is_time_barred(c, [])
    v2014 = case(code="K2", v=date(2014, 12, 31), decided=date(2030, 1, 1))
    v2018 = case(code="K3", v=date(2018, 1, 1), decided=date(2030, 1, 1))
    assert limitation_start(c, [c, v2014]) == date(2014, 12, 31)
    assert not is_time_barred(c, [c, v2014])  # until 2019-12-31
    assert limitation_start(c, [c, v2014, v2018]) == date(2018, 1, 1)
    # 2018 alone is more than 5 years after 2010: no restart without the 2014 link.
    assert limitation_start(c, [c, v2018]) == date(2010, 1, 1)
    assert is_time_barred(c, [c, v2018])


def test_restart_on_exact_limit_end_and_not_earlier_violations():
    c = case(form="khien_trach", v=date(2010, 3, 31), decided=date(2016, 1, 1))
    on_end = case(code="K2", v=date(2015, 3, 31))
    assert limitation_start(c, [on_end]) == date(2015, 3, 31)
    earlier = case(code="K2", v=date(2009, 1, 1))
    assert limitation_start(c, [earlier]) == date(2010, 3, 31)
    # Another subject's violation does not count.
    other = case(code="K3", v=date(2015, 1, 1), subject="P2")
    assert limitation_start(c, [other]) == date(2010, 3, 31)
    other_kind = case(code="K4", v=date(2015, 1, 1), kind="unit", subject="P1")
    assert limitation_start(c, [other_kind]) == date(2010, 3, 31)


# --- in force and expiry ------------------------------------------------------------------


def test_auto_expiry_twelve_months_after_announcement():
    c = case(decided=date(2023, 1, 20), announced=date(2023, 1, 31))
    assert expires_on(c, [c]) == date(2024, 1, 31)
    assert not in_force_on(c, [c], date(2023, 1, 30))
    assert in_force_on(c, [c], date(2023, 1, 31))
    assert in_force_on(c, [c], date(2024, 1, 30))
    assert not in_force_on(c, [c], date(2024, 1, 31))
    c = case(decided=date(2023, 3, 31), announced=date(2023, 3, 31))
    assert expires_on(c, []) == date(2024, 3, 31)
    c = case(decided=date(2024, 2, 29), announced=date(2024, 2, 29))
    assert expires_on(c, []) == date(2025, 2, 28)


def test_new_violation_within_twelve_months_stops_expiry():
    c = case(announced=date(2023, 3, 1))
    again = case(code="K2", v=date(2024, 3, 1), decided=date(2024, 6, 1))
    assert expires_on(c, [c, again]) is None
    assert in_force_on(c, [c, again], date(2030, 1, 1))
    on_announcement = case(code="K2", v=date(2023, 3, 1))  # not after B
    assert expires_on(c, [c, on_announcement]) == date(2024, 3, 1)
    too_late = case(code="K2", v=date(2024, 3, 2))
    assert expires_on(c, [c, too_late]) == date(2024, 3, 1)


def test_permanent_forms_never_expire():
    c = case(form="khai_tru", announced=date(2020, 1, 1), decided=date(2020, 1, 1))
    assert expires_on(c, []) is None
    assert in_force_on(c, [], date(2040, 1, 1))
    u = case(form="giai_tan", kind="unit", subject="U1")
    assert expires_on(u, []) is None


def test_pending_complaint_keeps_it_in_force():
    c = case(announced=date(2023, 3, 1), complaint_date=date(2023, 3, 20))
    r = review_case(c, [c], date(2025, 1, 1))
    assert (r.expires_on, r.in_force, r.complaint_late) == (None, True, False)


def test_upheld_complaint_expires_twelve_months_after_resolution():
    c = case(
        announced=date(2023, 3, 1),
        complaint_date=date(2023, 3, 20),
        complaint_resolved_date=date(2023, 9, 15),
        complaint_outcome="upheld",
    )
    r = review_case(c, [c], date(2024, 9, 14))
    assert (r.expires_on, r.in_force, r.ended_on) == (date(2024, 9, 15), True, None)
    assert not in_force_on(c, [c], date(2024, 9, 15))
    # A violation in (B, B + 12 months] counts from the resolution date, not A.
    again = case(code="K2", v=date(2024, 6, 1))
    assert expires_on(c, [c, again]) is None
    before_b = case(code="K2", v=date(2023, 6, 1))
    assert expires_on(c, [c, before_b]) == date(2024, 9, 15)


@pytest.mark.parametrize("outcome", ["annulled", "changed"])
def test_annulled_or_changed_ends_on_resolution(outcome):
    c = case(
        form="cach_chuc",
        announced=date(2023, 3, 1),
        complaint_date=date(2023, 3, 20),
        complaint_resolved_date=date(2023, 10, 1),
        complaint_outcome=outcome,
    )
    assert ended_on(c) == date(2023, 10, 1)
    assert expires_on(c, [c]) is None
    assert in_force_on(c, [c], date(2023, 9, 30))
    assert not in_force_on(c, [c], date(2023, 10, 1))
    assert promotion_bar_until(c) == date(2023, 10, 1)


def test_annulled_after_bar_keeps_bar():
    c = case(
        form="khien_trach",
        announced=date(2023, 1, 1),
        complaint_date=date(2023, 1, 15),
        complaint_resolved_date=date(2024, 6, 1),
        complaint_outcome="annulled",
    )
    assert promotion_bar_until(c) == date(2024, 1, 1)


def test_complaint_late_one_month():
    c = case(announced=date(2024, 1, 31), complaint_date=date(2024, 2, 29))
    assert not review_case(c, [], date(2024, 3, 1)).complaint_late
    c = case(announced=date(2024, 1, 31), complaint_date=date(2024, 3, 1))
    assert review_case(c, [], date(2024, 3, 1)).complaint_late
    assert not review_case(case(), [], date(2024, 3, 1)).complaint_late


# --- promotion bar ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "announced", "until"),
    [
        ("khien_trach", date(2025, 10, 7), date(2026, 10, 7)),  # 80-QĐ/TW: 12 months
        ("khien_trach", date(2025, 10, 8), date(2027, 10, 8)),  # 377-QĐ/TW: 24 months
        ("canh_cao", date(2025, 10, 7), date(2028, 4, 7)),  # 30
        ("canh_cao", date(2025, 10, 8), date(2028, 10, 8)),  # 36
        ("cach_chuc", date(2025, 10, 7), date(2030, 10, 7)),  # 60
        ("cach_chuc", date(2025, 10, 8), date(2030, 10, 8)),  # 60
        ("canh_cao", date(2019, 8, 31), date(2022, 2, 28)),  # before 80-QĐ/TW: its values
        ("khai_tru", date(2025, 10, 8), None),
    ],
)
def test_promotion_bar_by_announcement_version(form, announced, until):
    c = case(form=form, decided=announced - days(3), announced=announced)
    assert promotion_bar_until(c) == until
    rule = review_case(c, [], announced).rule
    if until is not None:
        assert ("377-QĐ/TW" in rule) == (announced >= date(2025, 10, 8))
        assert ("80-QĐ/TW" in rule) == (announced < date(2025, 10, 8))


def test_no_promotion_bar_for_units():
    assert promotion_bar_until(case(kind="unit", subject="U1", form="canh_cao")) is None


# --- review output ------------------------------------------------------------------------


def test_review_discipline_sorted_and_grouped_by_subject():
    a = case(code="K2", form="khien_trach", v=date(2010, 1, 1), decided=date(2016, 1, 1))
    b = case(code="K10", v=date(2014, 1, 1), decided=date(2030, 1, 1))
    other = case(code="K1", subject="P2", v=date(2014, 1, 1))
    reviews = review_discipline([a, b, other], date(2030, 1, 1))
    assert [r.case_code for r in reviews] == ["K1", "K10", "K2"]
    assert not reviews[2].time_barred  # restarted by K10's violation of the same person
    assert review_discipline([a, other], date(2030, 1, 1))[1].time_barred
    # As of 2024, K10 is not decided yet: not reviewed, but its violation still counts.
    earlier = review_discipline([a, b, other], date(2024, 1, 1))
    assert [r.case_code for r in earlier] == ["K1", "K2"] and not earlier[1].time_barred


def test_to_json():
    c = case(
        form="khien_trach",
        v=date(2024, 11, 2),
        decided=date(2025, 10, 1),
        announced=date(2025, 10, 8),
        complaint_date=date(2025, 11, 20),
    )
    r = review_case(c, [c], date(2025, 12, 1))
    assert isinstance(r, CaseReview)
    j = r.to_json()
    assert j == {
        "case_code": "K1",
        "time_barred": False,
        "expires_on": None,
        "in_force": True,
        "promotion_bar_until": "2027-10-08",
        "complaint_late": True,
        "rule": j["rule"],
        "ended_on": None,
        "limitation_until": "2029-11-02",
    }
    assert j["rule"] == (
        "69-QĐ/TW (2022), sửa đổi bởi 264-QĐ/TW (2025); v2022-07-06"
        " + Điều lệ Đảng (2011), khiếu nại kỷ luật; v2011-01-19"
        " + 377-QĐ/TW (8/10/2025); v2025-10-08"
    )


def test_unknown_form_raises():
    with pytest.raises(ValueError, match="form"):
        review_case(case(form="giai_tan"), [], date(2024, 1, 1))
    with pytest.raises(ValueError, match="subject_kind"):
        review_case(case(kind="group"), [], date(2024, 1, 1))


# --- validation ---------------------------------------------------------------------------

OFFICIAL = date(2000, 1, 1)


def test_valid_case_has_no_problems():
    assert validate_case(case(), OFFICIAL, False) == []
    assert validate_case(case(form="cach_chuc"), OFFICIAL, True) == []
    assert validate_case(case(kind="unit", subject="U1", form="giai_tan"), None, False) == []


@pytest.mark.parametrize(
    ("c", "official", "post", "problems"),
    [
        (case(form="khai_tru"), None, False, ["probationary_form"]),
        (case(form="cach_chuc"), date(2023, 3, 2), True, ["probationary_form"]),
        (case(form="canh_cao"), None, False, []),
        (case(form="khai_tru"), date(2023, 3, 1), False, []),  # official on decision day
        (case(form="cach_chuc"), OFFICIAL, False, ["cach_chuc_without_post"]),
        (case(v=date(2023, 3, 2)), OFFICIAL, False, ["decided_before_violation"]),
        (case(announced=date(2023, 2, 28)), OFFICIAL, False, ["announced_before_decision"]),
        (case(kind="unit", form="cach_chuc"), None, False, ["form_not_for_subject"]),
        (case(form="giai_tan"), OFFICIAL, False, ["form_not_for_subject"]),
        (case(form="xyz"), OFFICIAL, False, ["unknown_form"]),
        (case(kind="x"), OFFICIAL, False, ["unknown_subject_kind"]),
        (case(category="other"), OFFICIAL, False, ["unknown_category"]),
        (
            case(complaint_outcome="upheld"),
            OFFICIAL,
            False,
            ["complaint_outcome_without_resolution"],
        ),
        (
            case(complaint_resolved_date=date(2023, 4, 1), complaint_outcome="upheld"),
            OFFICIAL,
            False,
            ["complaint_resolved_without_complaint"],
        ),
        (
            case(complaint_date=date(2023, 3, 5), complaint_resolved_date=date(2023, 4, 1)),
            OFFICIAL,
            False,
            ["complaint_resolution_without_outcome"],
        ),
        (
            case(
                complaint_date=date(2023, 3, 5),
                complaint_resolved_date=date(2023, 3, 4),
                complaint_outcome="maybe",
            ),
            OFFICIAL,
            False,
            ["complaint_resolved_before_complaint", "unknown_complaint_outcome"],
        ),
        (case(complaint_date=date(2023, 2, 1)), OFFICIAL, False, ["complaint_before_announcement"]),
    ],
)
def test_validate_case(c, official, post, problems):
    assert validate_case(c, official, post) == problems
    assert all(p in PROBLEM_MESSAGES for p in problems)


# --- properties ---------------------------------------------------------------------------

PERSON_FORMS = ["khien_trach", "canh_cao", "cach_chuc", "khai_tru"]
UNIT_FORMS = ["khien_trach", "canh_cao", "giai_tan"]
some_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def cases(draw, code="K1", subject=("person", "P1")):
    kind, subject_code = subject
    v = draw(some_dates)
    decided = v + days(draw(st.integers(0, 6000)))
    announced = decided + days(draw(st.integers(0, 60)))
    kw = {}
    if draw(st.booleans()):
        kw["complaint_date"] = announced + days(draw(st.integers(0, 90)))
        if draw(st.booleans()):
            kw["complaint_resolved_date"] = kw["complaint_date"] + days(draw(st.integers(0, 400)))
            kw["complaint_outcome"] = draw(st.sampled_from(["upheld", "annulled", "changed"]))
    return Case(
        code,
        kind,
        subject_code,
        v,
        draw(st.sampled_from(PERSON_FORMS if kind == "person" else UNIT_FORMS)),
        decided,
        announced,
        category=draw(st.sampled_from(["ordinary", "ordinary", "no_limit"])),
        **kw,
    )


@st.composite
def subject_cases(draw):
    subject = draw(st.sampled_from([("person", "P1"), ("unit", "U1")]))
    n = draw(st.integers(1, 5))
    return [draw(cases(code=f"K{i}", subject=subject)) for i in range(n)]


@settings(max_examples=300)
@given(subject_cases(), some_dates)
def test_never_in_force_after_expiry_or_end_or_before_announcement(cs, day):
    for c in cs:
        r = review_case(c, cs, day)
        assert r.in_force == in_force_on(c, cs, day)
        if day < c.announced_date:
            assert not r.in_force
        if r.expires_on is not None and day >= r.expires_on:
            assert not r.in_force
        if r.ended_on is not None and day >= r.ended_on:
            assert not r.in_force
        if r.expires_on is not None:
            assert r.expires_on > c.announced_date
            assert in_force_on(c, cs, r.expires_on - days(1)) or r.ended_on is not None


@settings(max_examples=300)
@given(subject_cases(), some_dates)
def test_new_violation_never_makes_a_decision_time_barred(cs, v_new):
    first = cs[0]
    extra = Case("KX", first.subject_kind, first.subject_code, v_new, first.form, v_new, v_new)
    before = is_time_barred(first, cs)
    after = is_time_barred(first, [*cs, extra])
    assert not (after and not before)
    start_before = limitation_start(first, cs)
    if start_before is not None:
        assert limitation_start(first, [*cs, extra]) >= start_before


@given(subject_cases())
def test_restart_is_the_furthest_reachable_violation(cs):
    first = cs[0]
    start = limitation_start(first, cs)
    if start is None:
        return
    years = {"khien_trach": 5, "canh_cao": 10, "cach_chuc": 10}[first.form]
    reach = {first.violation_date}
    changed = True
    while changed:
        changed = False
        for c in cs[1:]:
            if c.violation_date not in reach and any(
                r < c.violation_date <= add_years(r, years) for r in reach
            ):
                reach.add(c.violation_date)
                changed = True
    assert start == max(reach)


@given(subject_cases())
def test_promotion_bar_properties(cs):
    for c in cs:
        until = promotion_bar_until(c)
        if c.subject_kind == "unit" or c.form == "khai_tru":
            assert until is None
        else:
            assert until is not None
            assert until <= add_months(c.announced_date, 60)
            if ended_on(c) is None:
                assert until >= add_months(c.announced_date, 12)


@settings(max_examples=500)
@given(
    subject_cases(),
    st.lists(cases(code="KO", subject=("person", "P2")), max_size=2),
    some_dates,
)
def test_review_case_is_the_single_rules_together(cs, strangers, day):
    """`review_case` computes in one pass what the single rules say (others ignored)."""
    for c in cs:
        r = review_case(c, [*cs, *strangers], day)
        until = limitation_until(c, cs)
        assert r == CaseReview(
            case_code=c.code,
            time_barred=is_time_barred(c, cs),
            expires_on=expires_on(c, cs),
            in_force=in_force_on(c, cs, day),
            promotion_bar_until=promotion_bar_until(c),
            complaint_late=complaint_late(c),
            ended_on=ended_on(c),
            rule=case_rule(c),
            limitation_until=until,
        )
