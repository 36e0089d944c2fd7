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

Pure Python, no Django. :func:`validate_case` lists the bad-input problems import and forms
reject; the review functions assume valid cases except that they raise ``ValueError`` on an
unknown form or subject kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
    "complaint_late",
    "case_rule",
    "ended_on",
    "expires_on",
    "in_force_on",
    "is_time_barred",
    "limitation_start",
    "limitation_until",
    "promotion_bar_until",
    "review_case",
    "review_discipline",
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
}


@dataclass(frozen=True)
class Case:
    """One discipline decision (a row of the ``discipline`` dataset)."""

    code: str
    subject_kind: str  # PERSON | UNIT
    subject_code: str
    violation_date: date
    form: str
    decided_date: date
    announced_date: date
    category: str = "ordinary"
    complaint_date: date | None = None
    complaint_resolved_date: date | None = None
    complaint_outcome: str | None = None

    @property
    def subject(self) -> tuple[str, str]:
        return (self.subject_kind, self.subject_code)


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
    """The (restarted) start of the limitation period; None when the case has no limitation."""
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
    resolution (see :func:`ended_on`), and when the subject violated again in (B, B + 12 months].
    """
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
    if day < case.announced_date:
        return False
    expiry = expires_on(case, same_subject_cases)
    if expiry is not None and day >= expiry:
        return False
    end = ended_on(case)
    return end is None or day < end


def _bar_version(case: Case) -> Version:
    return applicable(PROMOTION_BAR_MONTHS, case.announced_date)


def promotion_bar_until(case: Case) -> date | None:
    """End of the promotion bar (barred on D when D < it); None for units and khai_tru."""
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
    if case.complaint_date is None:
        return False
    months = applicable(COMPLAINT_MONTHS, case.announced_date).value
    return case.complaint_date > add_months(case.announced_date, months)


def case_rule(case: Case) -> str:
    """The versions a review of ``case`` uses, joined by ' + ' (its ``rule`` string)."""
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


def review_discipline(cases: Sequence[Case] | Iterable[Case], as_of: date) -> list[CaseReview]:
    """Review every case as of ``as_of``; sorted by case_code."""
    by_subject: dict[tuple[str, str], list[Case]] = defaultdict(list)
    cases = list(cases)
    for c in cases:
        by_subject[c.subject].append(c)
    reviews = [review_case(c, by_subject[c.subject], as_of) for c in cases]
    return sorted(reviews, key=lambda r: r.case_code)


def validate_case(
    case: Case, person_official_date: date | None, person_held_post_on_decision: bool
) -> list[str]:
    """Problem codes (keys of :data:`PROBLEM_MESSAGES`) that make ``case`` bad input, sorted.

    For a unit case the person arguments are ignored (pass None, False).
    """
    problems: set[str] = set()
    forms = FORMS_BY_SUBJECT.get(case.subject_kind)
    if forms is None:
        problems.add("unknown_subject_kind")
        if case.form not in PERSON_FORMS | UNIT_FORMS:
            problems.add("unknown_form")
    elif case.form not in forms:
        problems.add(
            "form_not_for_subject" if case.form in PERSON_FORMS | UNIT_FORMS else "unknown_form"
        )
    if case.category not in CATEGORIES:
        problems.add("unknown_category")
    if case.subject_kind == PERSON:
        probationary = person_official_date is None or person_official_date > case.decided_date
        if probationary and case.form not in PROBATIONARY_FORMS:
            problems.add("probationary_form")
        if case.form == "cach_chuc" and not person_held_post_on_decision:
            problems.add("cach_chuc_without_post")
    if case.decided_date < case.violation_date:
        problems.add("decided_before_violation")
    if case.announced_date < case.decided_date:
        problems.add("announced_before_decision")
    if case.complaint_outcome is not None and case.complaint_outcome not in OUTCOMES:
        problems.add("unknown_complaint_outcome")
    if case.complaint_date is not None and case.complaint_date < case.announced_date:
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
