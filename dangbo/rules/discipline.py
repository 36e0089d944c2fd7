"""Discipline (kỷ luật): limitation, in force, expiry, promotion bar, complaints (RULES.md §4).

Sources: 69-QĐ/TW (6/7/2022), amended by 264-QĐ/TW (2025); Điều lệ Đảng on complaints;
80-QĐ/TW (18/8/2022) and 377-QĐ/TW (8/10/2025) on appointment bars. Values and versions come
from :mod:`dangbo.rules.versions`; each review's ``rule`` lists the versions it used.

- Forms: person ``khien_trach``, ``canh_cao``, ``cach_chuc``, ``khai_tru``; unit
  ``khien_trach``, ``canh_cao``, ``giai_tan``.
- Limitation (thời hiệu), by the version in force on the decision date: 5 years for
  khien_trach, 10 for canh_cao and cach_chuc, none for khai_tru, giai_tan or category
  ``no_limit``. It runs from the violation date V; another violation V' of the same subject
  with start < V' <= start + limit restarts it from V' (repeated while one applies).
  ``time_barred``: decided_date > (restarted) start + limit.
- In force from the announcement date A. Other than khai_tru/giai_tan it expires
  automatically at B + 12 months, B = A, or the complaint resolution date when a complaint was
  made; no automatic expiry (``expires_on`` None) while a complaint is pending, or when the
  same subject has a new violation V' with B < V' <= B + 12 months.
- ``in_force`` on D: A <= D, and D < expires_on (if any), and D < ended_on (if any).
- A complaint resolved ``annulled`` or ``changed`` ends the decision on the resolution date
  (``ended_on``); ``expires_on`` is then None (it ended, it did not expire) and the promotion
  bar ends on that date if it is earlier. ``upheld`` leaves it as computed.
- Promotion bar (persons, not khai_tru): until A + N months, N by the version in force on A
  (12/30/60 months under 80-QĐ/TW; 24/36/60 from 2025-10-08 under 377-QĐ/TW). Barred on D
  when D < promotion_bar_until.
- ``complaint_late``: complaint_date > A + 1 month (False without a complaint).

Knowledge: the review uses everything stored about the subject (all its cases' violation
dates, complaint outcomes), not "what was known on D"; only ``in_force`` is evaluated on D.
This cannot change ``in_force`` on D: a violation that cancels expiry falls on or before
B + 12 months <= D whenever expiry matters on D, and a resolution after D leaves the decision
in force on D whatever its outcome. ``time_barred`` depends only on violations up to the
decision date (a later one lies beyond start + limit < decided_date or cannot matter).

Steps (Tân Kỳ practice; issue 8 item 6): a case opens at the ideological-work step, before
any decision (``decided_date``, ``announced_date`` and ``form`` empty), then moves through
decided → announced → complaint filed → complaint resolved, in that order, each step dated
on or after the step before it (:func:`next_steps`, :func:`step_problems`). An undecided
case is never reviewed (:func:`review_discipline` skips it, :func:`review_case` refuses it)
and is never in force, but its violation date is a violation of the subject like any other:
it restarts another case's limitation and cancels its automatic expiry. Until the decision
the limitation deadline depends on the form still to be chosen (:func:`open_deadlines`).

Pure Python, no Django. :func:`validate_case` lists the bad-input problems import and forms
reject; the review functions assume valid cases except that they raise ``ValueError`` on an
unknown form or subject kind, or on an undecided case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dangbo.rules.dates import add_months, add_years
from dangbo.rules.versions import (
    AUTO_EXPIRY_MONTHS,
    COMPLAINT_MONTHS,
    LIMITATION_YEARS,
    PROMOTION_BAR_MONTHS,
    Version,
    applicable,
)

__all__ = [
    "CATEGORIES",
    "ENDING_OUTCOMES",
    "OUTCOMES",
    "PERMANENT_FORMS",
    "PERSON",
    "PERSON_FORMS",
    "PROBATIONARY_FORMS",
    "PROBLEM_MESSAGES",
    "UNIT",
    "UNIT_FORMS",
    "Case",
    "CaseReview",
    "ANNOUNCED",
    "COMPLAINT_FILED",
    "COMPLAINT_RESOLVED",
    "DECIDED",
    "OPENED",
    "STEPS",
    "STEP_DATES",
    "complaint_late",
    "case_rule",
    "current_step",
    "next_steps",
    "open_deadlines",
    "step_problems",
    "ended_on",
    "expires_on",
    "in_force_on",
    "is_time_barred",
    "limitation_start",
    "limitation_until",
    "promotion_bar_until",
    "review_case",
    "review_discipline",
    "reviewable_on",
    "validate_case",
]

PERSON = "person"
UNIT = "unit"
PERSON_FORMS = frozenset({"khien_trach", "canh_cao", "cach_chuc", "khai_tru"})
UNIT_FORMS = frozenset({"khien_trach", "canh_cao", "giai_tan"})
FORMS_BY_SUBJECT = {PERSON: PERSON_FORMS, UNIT: UNIT_FORMS}
PROBATIONARY_FORMS = frozenset({"khien_trach", "canh_cao"})
#: Forms with no limitation, no automatic expiry (and, khai_tru, no promotion bar).
PERMANENT_FORMS = frozenset({"khai_tru", "giai_tan"})
CATEGORIES = frozenset({"ordinary", "no_limit"})
OUTCOMES = frozenset({"upheld", "annulled", "changed"})
ENDING_OUTCOMES = frozenset({"annulled", "changed"})

PROBLEM_MESSAGES = {
    "unknown_subject_kind": "subject_kind must be 'person' or 'unit'",
    "unknown_form": "form is not a discipline form",
    "form_not_for_subject": (
        "this form does not apply to this subject (person: khien_trach, canh_cao, cach_chuc, "
        "khai_tru; unit: khien_trach, canh_cao, giai_tan)"
    ),
    "unknown_category": "category must be 'ordinary' or 'no_limit'",
    "probationary_form": (
        "the person was a probationary member on the decision date (no official date, or it "
        "is after the decision): only khien_trach or canh_cao"
    ),
    "cach_chuc_without_post": "cach_chuc needs the person to hold a post on the decision date",
    "decided_before_violation": "decided_date is before violation_date",
    "announced_before_decision": "announced_date is before decided_date",
    "unknown_complaint_outcome": "complaint_outcome must be upheld, annulled or changed",
    "complaint_before_announcement": "complaint_date is before announced_date",
    "complaint_resolved_without_complaint": "complaint_resolved_date given without complaint_date",
    "complaint_resolved_before_complaint": "complaint_resolved_date is before complaint_date",
    "complaint_outcome_without_resolution": (
        "complaint_outcome given without complaint_resolved_date"
    ),
    "complaint_resolution_without_outcome": (
        "complaint_resolved_date given without complaint_outcome"
    ),
    "form_without_decision": "form given without decided_date (an open case has no form yet)",
    "decision_without_form": "decided_date given without form",
    "announced_without_decision": "announced_date given without decided_date",
    "complaint_without_announcement": "complaint_date given without announced_date",
    "step_out_of_order": "this step is not the next one of the case",
    "step_in_future": "a step is recorded once done: its date is after today",
    "decided_before_ideological_work": "decided_date is before ideological_work_date",
}


@dataclass(frozen=True)
class Case:
    """One discipline case (a row of the ``discipline`` dataset).

    An open case (not decided yet) has ``form`` "" and ``decided_date``/``announced_date``
    None; a decided one not yet announced has ``announced_date`` None.
    """

    code: str
    subject_kind: str  # PERSON | UNIT
    subject_code: str
    violation_date: date
    form: str  # "" until decided
    decided_date: date | None
    announced_date: date | None
    category: str = "ordinary"
    complaint_date: date | None = None
    complaint_resolved_date: date | None = None
    complaint_outcome: str | None = None

    @property
    def subject(self) -> tuple[str, str]:
        return (self.subject_kind, self.subject_code)

    @property
    def decided(self) -> bool:
        return self.decided_date is not None

    @property
    def announced(self) -> bool:
        return self.announced_date is not None


@dataclass(frozen=True)
class CaseReview:
    """The ``discipline`` review object of INTERCHANGE.md for one case."""

    case_code: str
    time_barred: bool
    expires_on: date | None
    in_force: bool
    promotion_bar_until: date | None
    complaint_late: bool
    ended_on: date | None
    rule: str
    limitation_until: date | None = None  # (restarted) start + limit; None: no limitation

    def to_json(self) -> dict[str, Any]:
        """INTERCHANGE keys, plus ``ended_on`` and ``limitation_until``."""

        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "case_code": self.case_code,
            "time_barred": self.time_barred,
            "expires_on": iso(self.expires_on),
            "in_force": self.in_force,
            "promotion_bar_until": iso(self.promotion_bar_until),
            "complaint_late": self.complaint_late,
            "rule": self.rule,
            "ended_on": iso(self.ended_on),
            "limitation_until": iso(self.limitation_until),
        }


def _check(case: Case) -> None:
    if case.decided_date is None:
        raise ValueError(f"case {case.code}: not decided")
    forms = FORMS_BY_SUBJECT.get(case.subject_kind)
    if forms is None:
        raise ValueError(f"case {case.code}: unknown subject_kind {case.subject_kind!r}")
    if case.form not in forms:
        raise ValueError(f"case {case.code}: form {case.form!r} not for a {case.subject_kind}")


def _other_violations(case: Case, same_subject_cases: Iterable[Case]) -> list[date]:
    return sorted(
        c.violation_date
        for c in same_subject_cases
        if c.code != case.code and c.subject == case.subject
    )


def _limitation_version(case: Case) -> Version:
    return applicable(LIMITATION_YEARS, case.decided_date)


def _limit_years(case: Case) -> int | None:
    if case.category == "no_limit":
        return None
    return _limitation_version(case).value.get(case.form)


def limitation_start(case: Case, same_subject_cases: Iterable[Case]) -> date | None:
    """The (restarted) start of the limitation period; None when the case has no limitation
    (or no decision yet: see :func:`open_deadlines`)."""
    if not case.decided:
        return None
    _check(case)
    years = _limit_years(case)
    if years is None:
        return None
    start = case.violation_date
    others = _other_violations(case, same_subject_cases)
    while True:
        end = add_years(start, years)
        later = [v for v in others if start < v <= end]
        if not later:
            return start
        start = max(later)


def limitation_until(case: Case, same_subject_cases: Iterable[Case]) -> date | None:
    """Last day a decision is within the limitation period: (restarted) start + limit."""
    start = limitation_start(case, same_subject_cases)
    return None if start is None else add_years(start, _limit_years(case))


def is_time_barred(case: Case, same_subject_cases: Iterable[Case]) -> bool:
    """True when the decision was taken after the (restarted) start + limit."""
    until = limitation_until(case, same_subject_cases)
    return until is not None and case.decided_date > until


def ended_on(case: Case) -> date | None:
    """The resolution date of a complaint that annulled or changed the decision."""
    if case.complaint_outcome in ENDING_OUTCOMES and case.complaint_resolved_date is not None:
        return case.complaint_resolved_date
    return None


def _complaint_pending(case: Case) -> bool:
    return case.complaint_date is not None and case.complaint_resolved_date is None


def expires_on(case: Case, same_subject_cases: Iterable[Case]) -> date | None:
    """Automatic expiry date (the first day not in force), or None when it does not expire.

    None for khai_tru/giai_tan, while a complaint is pending, after an annulling/changing
    resolution (see :func:`ended_on`), when the subject violated again in (B, B + 12 months],
    and before the announcement.
    """
    if case.announced_date is None:
        return None
    _check(case)
    if case.form in PERMANENT_FORMS or _complaint_pending(case) or ended_on(case) is not None:
        return None
    base = case.announced_date
    if case.complaint_date is not None and case.complaint_resolved_date is not None:
        base = case.complaint_resolved_date
    expiry = add_months(base, applicable(AUTO_EXPIRY_MONTHS, case.announced_date).value)
    if any(base < v <= expiry for v in _other_violations(case, same_subject_cases)):
        return None
    return expiry


def in_force_on(case: Case, same_subject_cases: Iterable[Case], day: date) -> bool:
    """A <= day, before ``expires_on`` (if any) and before ``ended_on`` (if any)."""
    if case.announced_date is None or day < case.announced_date:
        return False
    expiry = expires_on(case, same_subject_cases)
    if expiry is not None and day >= expiry:
        return False
    end = ended_on(case)
    return end is None or day < end


def _bar_version(case: Case) -> Version:
    return applicable(PROMOTION_BAR_MONTHS, case.announced_date)


def promotion_bar_until(case: Case) -> date | None:
    """End of the promotion bar (barred on D when D < it); None for units and khai_tru, and
    before the announcement."""
    if case.announced_date is None:
        return None
    _check(case)
    if case.subject_kind != PERSON:
        return None
    months = _bar_version(case).value.get(case.form)
    if months is None:
        return None
    until = add_months(case.announced_date, months)
    end = ended_on(case)
    if end is not None and end < until:
        return end
    return until


def complaint_late(case: Case) -> bool:
    """A complaint filed after A + 1 month (the version in force on A)."""
    if case.complaint_date is None or case.announced_date is None:
        return False
    months = applicable(COMPLAINT_MONTHS, case.announced_date).value
    return case.complaint_date > add_months(case.announced_date, months)


def case_rule(case: Case) -> str:
    """The versions a review of ``case`` uses, joined by ' + ' (its ``rule`` string).

    An undecided case is not reviewed: "" (and only the limitation's version before the
    announcement).
    """
    if not case.decided:
        return ""
    if not case.announced:
        return _limitation_version(case).label
    used = [_limitation_version(case), applicable(AUTO_EXPIRY_MONTHS, case.announced_date)]
    if case.complaint_date is not None:
        used.append(applicable(COMPLAINT_MONTHS, case.announced_date))
    if case.subject_kind == PERSON and case.form in _bar_version(case).value:
        used.append(_bar_version(case))
    labels: list[str] = []
    for v in used:
        if v.label not in labels:
            labels.append(v.label)
    return " + ".join(labels)


def review_case(case: Case, same_subject_cases: Iterable[Case], as_of: date) -> CaseReview:
    """Review one case with the other cases of its subject (others are ignored), as of D.

    The same answers as :func:`limitation_until`, :func:`expires_on`, :func:`in_force_on`,
    :func:`promotion_bar_until`, :func:`complaint_late`, :func:`ended_on` and
    :func:`case_rule` (a property test holds them together), computed in one pass: the other
    violations are sorted once and each version is looked up once (a review runs this for
    every case of a province).
    """
    _check(case)
    kind, subject, code = case.subject_kind, case.subject_code, case.code
    violations = sorted(
        c.violation_date
        for c in same_subject_cases
        if c.code != code and c.subject_code == subject and c.subject_kind == kind
    )
    form, announced = case.form, case.announced_date
    limitation_v = _limitation_version(case)
    # Limitation (limitation_start / limitation_until).
    years = None if case.category == "no_limit" else limitation_v.value.get(form)
    until = None
    if years is not None:
        start = case.violation_date
        while True:
            until = add_years(start, years)
            later = [v for v in violations if start < v <= until]
            if not later:
                break
            start = max(later)
    if announced is None:
        # Decided, not announced yet: only the limitation applies (the rest runs from A).
        return CaseReview(
            case_code=code,
            time_barred=until is not None and case.decided_date > until,
            expires_on=None,
            in_force=False,
            promotion_bar_until=None,
            complaint_late=False,
            ended_on=None,
            rule=limitation_v.label,
            limitation_until=until,
        )
    # Ended by a complaint (ended_on), automatic expiry (expires_on).
    resolved = case.complaint_resolved_date
    end = resolved if case.complaint_outcome in ENDING_OUTCOMES and resolved is not None else None
    expiry_v = applicable(AUTO_EXPIRY_MONTHS, announced)
    expiry = None
    pending = case.complaint_date is not None and resolved is None
    if form not in PERMANENT_FORMS and not pending and end is None:
        base = resolved if case.complaint_date is not None and resolved is not None else announced
        expiry = add_months(base, expiry_v.value)
        if any(base < v <= expiry for v in violations):
            expiry = None
    # In force on D (in_force_on).
    in_force = (
        as_of >= announced and (expiry is None or as_of < expiry) and (end is None or as_of < end)
    )
    # Promotion bar (promotion_bar_until).
    bar_v = _bar_version(case)
    bar = None
    if kind == PERSON:
        months = bar_v.value.get(form)
        if months is not None:
            bar = add_months(announced, months)
            if end is not None and end < bar:
                bar = end
    # Complaint (complaint_late) and the versions used (case_rule).
    used = [limitation_v, expiry_v]
    late = False
    if case.complaint_date is not None:
        complaint_v = applicable(COMPLAINT_MONTHS, announced)
        late = case.complaint_date > add_months(announced, complaint_v.value)
        used.append(complaint_v)
    if kind == PERSON and form in bar_v.value:
        used.append(bar_v)
    labels: list[str] = []
    for v in used:
        label = v.label
        if label not in labels:
            labels.append(label)
    return CaseReview(
        case_code=code,
        time_barred=until is not None and case.decided_date > until,
        expires_on=expiry,
        in_force=in_force,
        promotion_bar_until=bar,
        complaint_late=late,
        ended_on=end,
        rule=" + ".join(labels),
        limitation_until=until,
    )


def reviewable_on(case: Case, as_of: date) -> bool:
    """A case the review as of D shows: decided on or before D (issue 8 item 6)."""
    return case.decided_date is not None and case.decided_date <= as_of


def review_discipline(cases: Sequence[Case] | Iterable[Case], as_of: date) -> list[CaseReview]:
    """Review every case decided by ``as_of`` (:func:`reviewable_on`); sorted by case_code.

    Undecided cases and decisions taken after ``as_of`` are not reviewed; their violations
    still count for the other cases of their subject.
    """
    by_subject: dict[tuple[str, str], list[Case]] = defaultdict(list)
    cases = list(cases)
    for c in cases:
        by_subject[c.subject].append(c)
    reviews = [
        review_case(c, by_subject[c.subject], as_of) for c in cases if reviewable_on(c, as_of)
    ]
    return sorted(reviews, key=lambda r: r.case_code)


def validate_case(
    case: Case, person_official_date: date | None, person_held_post_on_decision: bool
) -> list[str]:
    """Problem codes (keys of :data:`PROBLEM_MESSAGES`) that make ``case`` bad input, sorted.

    For a unit case the person arguments are ignored (pass None, False). An open case (no
    decision date) has no form, no announcement and no complaint yet; a decided case needs its
    form; a complaint needs the announcement.
    """
    problems: set[str] = set()
    decided = case.decided_date is not None
    forms = FORMS_BY_SUBJECT.get(case.subject_kind)
    if forms is None:
        problems.add("unknown_subject_kind")
        if case.form and case.form not in PERSON_FORMS | UNIT_FORMS:
            problems.add("unknown_form")
    elif case.form and case.form not in forms:
        problems.add(
            "form_not_for_subject" if case.form in PERSON_FORMS | UNIT_FORMS else "unknown_form"
        )
    if decided and not case.form:
        problems.add("decision_without_form")
    if case.form and not decided:
        problems.add("form_without_decision")
    if case.category not in CATEGORIES:
        problems.add("unknown_category")
    if case.subject_kind == PERSON and decided and case.form:
        probationary = person_official_date is None or person_official_date > case.decided_date
        if probationary and case.form not in PROBATIONARY_FORMS:
            problems.add("probationary_form")
        if case.form == "cach_chuc" and not person_held_post_on_decision:
            problems.add("cach_chuc_without_post")
    if decided and case.decided_date < case.violation_date:
        problems.add("decided_before_violation")
    if case.announced_date is not None:
        if not decided:
            problems.add("announced_without_decision")
        elif case.announced_date < case.decided_date:
            problems.add("announced_before_decision")
    if case.complaint_outcome is not None and case.complaint_outcome not in OUTCOMES:
        problems.add("unknown_complaint_outcome")
    if case.complaint_date is not None:
        if case.announced_date is None:
            problems.add("complaint_without_announcement")
        elif case.complaint_date < case.announced_date:
            problems.add("complaint_before_announcement")
    if case.complaint_resolved_date is not None:
        if case.complaint_date is None:
            problems.add("complaint_resolved_without_complaint")
        elif case.complaint_resolved_date < case.complaint_date:
            problems.add("complaint_resolved_before_complaint")
        if case.complaint_outcome is None:
            problems.add("complaint_resolution_without_outcome")
    elif case.complaint_outcome is not None:
        problems.add("complaint_outcome_without_resolution")
    return sorted(problems)


# --- the steps of a case (Tân Kỳ practice, issue 8 item 6) -----------------------------------

OPENED = "opened"
DECIDED = "decided"
ANNOUNCED = "announced"
COMPLAINT_FILED = "complaint_filed"
COMPLAINT_RESOLVED = "complaint_resolved"
#: The steps in their only order; each is dated on or after the one before it.
STEPS = (OPENED, DECIDED, ANNOUNCED, COMPLAINT_FILED, COMPLAINT_RESOLVED)
#: The date each step sets on the case (opened: the violation, given when the case opens).
STEP_DATES = {
    OPENED: "violation_date",
    DECIDED: "decided_date",
    ANNOUNCED: "announced_date",
    COMPLAINT_FILED: "complaint_date",
    COMPLAINT_RESOLVED: "complaint_resolved_date",
}
#: A step dated before the step it follows: the problem code (those of :func:`validate_case`).
_BEFORE_PREVIOUS = {
    DECIDED: "decided_before_violation",
    ANNOUNCED: "announced_before_decision",
    COMPLAINT_FILED: "complaint_before_announcement",
    COMPLAINT_RESOLVED: "complaint_resolved_before_complaint",
}


def current_step(case: Case) -> str:
    """The last step the case has reached (69-QĐ/TW order: decision, announcement, complaint
    within a month of it, resolution)."""
    if case.complaint_resolved_date is not None:
        return COMPLAINT_RESOLVED
    if case.complaint_date is not None:
        return COMPLAINT_FILED
    if case.announced_date is not None:
        return ANNOUNCED
    if case.decided_date is not None:
        return DECIDED
    return OPENED


def next_steps(case: Case) -> tuple[str, ...]:
    """The steps that may be recorded next: the one after :func:`current_step` (a complaint is
    optional, so an announced case may also stay as it is); none after the resolution."""
    index = STEPS.index(current_step(case))
    return STEPS[index + 1 : index + 2]


def step_problems(
    case: Case,
    step: str,
    day: date,
    *,
    today: date,
    ideological_work_date: date | None = None,
) -> list[str]:
    """Problem codes that refuse recording ``step`` on ``day`` for ``case``, sorted.

    ``step_out_of_order`` unless ``step`` is in :func:`next_steps`; the step dated before the
    step it follows (the codes of :func:`validate_case`: a decision before the violation, an
    announcement before the decision, ...); a decision before the ideological work with the
    person (Tân Kỳ practice: the talk comes first); ``step_in_future`` after ``today`` (a step
    is recorded once it happened).
    """
    if step not in next_steps(case):
        return ["step_out_of_order"]
    problems: set[str] = set()
    previous = getattr(case, STEP_DATES[STEPS[STEPS.index(step) - 1]])
    if previous is not None and day < previous:
        problems.add(_BEFORE_PREVIOUS[step])
    if step == DECIDED and ideological_work_date is not None and day < ideological_work_date:
        problems.add("decided_before_ideological_work")
    if day > today:
        problems.add("step_in_future")
    return sorted(problems)


def open_deadlines(
    case: Case, same_subject_cases: Iterable[Case], on: date
) -> dict[str, date | None]:
    """For a case not decided yet: each form of its subject → the last day a decision in that
    form is within the limitation (None: no limitation), with the version in force on ``on``
    (the day the decision would be taken) and the subject's other violations."""
    forms = sorted(FORMS_BY_SUBJECT.get(case.subject_kind, ()))
    found: dict[str, date | None] = {}
    for form in forms:
        hypothetical = replace(case, form=form, decided_date=on, announced_date=None)
        found[form] = limitation_until(hypothetical, same_subject_cases)
    return found
