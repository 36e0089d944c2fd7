"""The steps of a discipline case (Tân Kỳ practice, issue 8 item 6) and open cases (RULES §4).

A case opens at the ideological-work step without a decision, then: decided → announced →
complaint filed → complaint resolved, each in order and dated on or after the one before.
"""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangbo.rules import discipline as rules
from dangbo.rules.dates import add_years
from dangbo.rules.discipline import (
    ANNOUNCED,
    COMPLAINT_FILED,
    COMPLAINT_RESOLVED,
    DECIDED,
    OPENED,
    PROBLEM_MESSAGES,
    STEP_DATES,
    STEPS,
    Case,
    current_step,
    next_steps,
    open_deadlines,
    review_case,
    step_problems,
    validate_case,
)

TODAY = date(2026, 12, 1)


def opened(code="K1", v=date(2024, 3, 1), kind="unit", subject="U1", **kw):
    return Case(code, kind, subject, v, "", None, None, **kw)


def apply(case: Case, step: str, day: date, form="khien_trach", outcome="upheld") -> Case:
    """The case after `step` on `day` (what the services write)."""
    changes = {STEP_DATES[step]: day}
    if step == DECIDED:
        changes["form"] = form
    if step == COMPLAINT_RESOLVED:
        changes["complaint_outcome"] = outcome
    return replace(case, **changes)


def valid(case: Case) -> list[str]:
    return validate_case(case, person_official_date=None, person_held_post_on_decision=False)


gaps = st.lists(st.integers(0, 400), min_size=4, max_size=4)
unit_forms = st.sampled_from(sorted(rules.UNIT_FORMS))
outcomes = st.sampled_from(sorted(rules.OUTCOMES))


def test_every_code_has_a_message():
    for code in (
        "form_without_decision",
        "decision_without_form",
        "announced_without_decision",
        "complaint_without_announcement",
        "step_out_of_order",
        "step_in_future",
        "decided_before_ideological_work",
    ):
        assert code in PROBLEM_MESSAGES


def test_an_open_case_is_valid_input_and_waits_for_its_decision():
    case = opened()
    assert valid(case) == []
    assert current_step(case) == OPENED and next_steps(case) == (DECIDED,)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"form": "khien_trach"}, "form_without_decision"),
        ({"decided_date": date(2024, 5, 1)}, "decision_without_form"),
        ({"announced_date": date(2024, 5, 1)}, "announced_without_decision"),
        (
            {
                "form": "khien_trach",
                "decided_date": date(2024, 5, 1),
                "complaint_date": date(2024, 6, 1),
            },
            "complaint_without_announcement",
        ),
    ],
)
def test_steps_skipped_in_a_row_are_bad_input(changes, code):
    assert code in valid(replace(opened(), **changes))


@settings(max_examples=300)
@given(gaps, unit_forms, outcomes)
def test_steps_in_order_and_dated_in_order_are_accepted(gap, form, outcome):
    case = opened(v=date(2020, 1, 1))
    day = case.violation_date
    for step, days in zip(STEPS[1:], gap, strict=True):
        day = day + timedelta(days=days)
        assert next_steps(case) == (step,)
        assert step_problems(case, step, day, today=TODAY) == []
        case = apply(case, step, day, form=form, outcome=outcome)
        assert current_step(case) == step
        assert valid(case) == []
    assert next_steps(case) == ()


@settings(max_examples=300)
@given(st.integers(0, 4), st.sampled_from(STEPS[1:]), st.integers(-30, 30))
def test_a_step_other_than_the_next_is_refused(reached, step, shift):
    case = opened(v=date(2020, 1, 1))
    day = case.violation_date
    for done in STEPS[1 : reached + 1]:
        day += timedelta(days=10)
        case = apply(case, done, day)
    if step in next_steps(case):
        return
    assert step_problems(case, step, day + timedelta(days=shift), today=TODAY) == [
        "step_out_of_order"
    ]


@settings(max_examples=300)
@given(st.integers(0, 3), st.integers(1, 400))
def test_a_step_dated_before_the_step_it_follows_is_refused(reached, earlier):
    case = opened(v=date(2020, 1, 1))
    day = case.violation_date
    for done in STEPS[1 : reached + 1]:
        day += timedelta(days=10)
        case = apply(case, done, day)
    (step,) = next_steps(case)
    problems = step_problems(case, step, day - timedelta(days=earlier), today=TODAY)
    assert problems and problems[0].endswith(
        ("before_violation", "before_decision", "before_announcement", "before_complaint")
    )
    # The same date written into the case is what validate_case refuses too.
    assert set(problems) <= set(valid(apply(case, step, day - timedelta(days=earlier))))


def test_a_decision_before_the_ideological_work_or_after_today_is_refused():
    case = opened(v=date(2024, 3, 1))
    talk = date(2024, 4, 1)
    assert step_problems(
        case, DECIDED, date(2024, 3, 20), today=TODAY, ideological_work_date=talk
    ) == ["decided_before_ideological_work"]
    assert step_problems(case, DECIDED, talk, today=TODAY, ideological_work_date=talk) == []
    assert step_problems(case, DECIDED, TODAY + timedelta(days=1), today=TODAY) == [
        "step_in_future"
    ]


# --- open and unannounced cases in the review ----------------------------------------------


@settings(max_examples=200)
@given(st.dates(date(2015, 1, 1), date(2030, 1, 1)), st.dates(date(2015, 1, 1), date(2035, 1, 1)))
def test_an_open_case_is_never_in_force_and_bars_nothing(v, day):
    case = opened(v=v, kind="person", subject="P1")
    assert not rules.in_force_on(case, [case], day)
    assert rules.expires_on(case, [case]) is None
    assert rules.promotion_bar_until(case) is None
    assert not rules.complaint_late(case)
    assert rules.case_rule(case) == ""
    assert rules.review_discipline([case], day) == []
    with pytest.raises(ValueError):
        review_case(case, [case], day)


@settings(max_examples=200)
@given(st.integers(1, 3000), st.integers(0, 3000))
def test_an_open_cases_violation_counts_like_a_decided_ones(offset, decided_after):
    first = Case("K1", "person", "P1", date(2015, 1, 1), "khien_trach", None, None)
    first = replace(first, decided_date=first.violation_date + timedelta(days=decided_after))
    first = replace(first, announced_date=first.decided_date)
    v2 = first.violation_date + timedelta(days=offset)
    still_open = opened(code="K2", v=v2, kind="person", subject="P1")
    decided = replace(still_open, form="khien_trach", decided_date=v2, announced_date=v2)
    assert rules.limitation_start(first, [first, still_open]) == rules.limitation_start(
        first, [first, decided]
    )
    assert rules.expires_on(first, [first, still_open]) == rules.expires_on(first, [first, decided])


def test_the_review_as_of_a_day_holds_only_cases_decided_by_it():
    decided = Case("K1", "unit", "U1", date(2024, 1, 1), "canh_cao", date(2024, 6, 1), None)
    assert rules.review_discipline([decided], date(2024, 5, 31)) == []
    (review,) = rules.review_discipline([decided], date(2024, 6, 1))
    # Decided, not announced yet: only the limitation applies.
    assert not review.in_force and review.expires_on is None and not review.complaint_late
    assert review.rule == rules.case_rule(decided) and "69-QĐ/TW" in review.rule


@settings(max_examples=200)
@given(st.sampled_from(["person", "unit"]), st.dates(date(2015, 1, 1), date(2030, 1, 1)))
def test_open_deadlines_are_those_of_a_decision_taken_that_day(kind, on):
    case = opened(v=date(2014, 6, 30), kind=kind, subject="S1")
    deadlines = open_deadlines(case, [case], on)
    forms = rules.PERSON_FORMS if kind == "person" else rules.UNIT_FORMS
    assert set(deadlines) == forms
    for form, until in deadlines.items():
        if form in rules.PERMANENT_FORMS:
            assert until is None
        else:
            years = {"khien_trach": 5, "canh_cao": 10, "cach_chuc": 10}[form]
            assert until == add_years(case.violation_date, years)
    no_limit = replace(case, category="no_limit")
    assert set(open_deadlines(no_limit, [no_limit], on).values()) == {None}


def test_every_step_has_a_date_field():
    assert (
        tuple(STEP_DATES)
        == STEPS
        == (
            OPENED,
            DECIDED,
            ANNOUNCED,
            COMPLAINT_FILED,
            COMPLAINT_RESOLVED,
        )
    )
