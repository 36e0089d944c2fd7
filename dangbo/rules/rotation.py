"""Rotation (luân chuyển cán bộ) findings, checked at the rotation's start date S (RULES §2).

Source: 65-QĐ/TW (28/4/2022); retirement date by Nghị định 135/2020/NĐ-CP
(:mod:`dangbo.rules.retirement`); discipline by :mod:`dangbo.rules.discipline`. Parameters
are the versions in force on S (:data:`~dangbo.rules.versions.ROTATION_MIN_MONTHS`,
:data:`~dangbo.rules.versions.ROTATION_SERVICE_YEARS`).

- ``too_short``: planned_months < 36.
- ``too_close_to_retirement``: S + 10 years is after the retirement date (5 years when the
  reason is ``term_limit`` or ``non_local``).
- ``under_discipline``: a decision against the person is in force on S.
- ``promotion_barred``: from_role is given, to_role ranks above it (member < deputy < head),
  and a decision against the person announced on or before S has a promotion bar ending after
  S (promotion_bar_until > S).

Only the person's ``person`` cases count; the cases passed are also the "same subject" cases
for the discipline rules. Pure Python, no Django.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dangbo.rules.dates import add_years
from dangbo.rules.discipline import PERSON, Case, case_rule, in_force_on, promotion_bar_until
from dangbo.rules.retirement import RULE as RETIREMENT_RULE
from dangbo.rules.retirement import retirement_date
from dangbo.rules.versions import (
    ROTATION_MIN_MONTHS,
    ROTATION_PLAN_YEARS,
    ROTATION_SERVICE_YEARS,
    applicable,
)

__all__ = [
    "FINDINGS",
    "KEY_POSTS",
    "REASONS",
    "ROLE_RANK",
    "Rotation",
    "key_post",
    "key_post_counts",
    "plan_period_problems",
    "plan_period_rule",
    "review_rotations",
    "rotation_findings",
    "rotation_rule",
]

ROLE_RANK = {"member": 0, "deputy": 1, "head": 2}
REASONS = ("development", "term_limit", "non_local")
TOO_SHORT = "too_short"
TOO_CLOSE = "too_close_to_retirement"
UNDER_DISCIPLINE = "under_discipline"
PROMOTION_BARRED = "promotion_barred"
FINDINGS = (PROMOTION_BARRED, TOO_CLOSE, TOO_SHORT, UNDER_DISCIPLINE)


@dataclass(frozen=True)
class Rotation:
    """One rotation (a row of the ``rotations`` dataset, the fields the rules need)."""

    code: str
    person_code: str
    start: date
    planned_months: int
    to_role: str
    reason: str | None = None
    from_role: str | None = None


def _rank(role: str) -> int:
    try:
        return ROLE_RANK[role]
    except KeyError:
        raise ValueError(f"unknown role {role!r} (member, deputy, head)") from None


def service_years_required(rotation: Rotation) -> int:
    """Years of service that must remain at S: 10, or 5 for term_limit/non_local."""
    table = applicable(ROTATION_SERVICE_YEARS, rotation.start).value
    return table.get(rotation.reason or "default", table["default"])


def _evaluate(
    rotation: Rotation, birth_date: date, gender: str, person_cases: Sequence[Case]
) -> tuple[list[str], str]:
    s = rotation.start
    found: set[str] = set()
    min_months = applicable(ROTATION_MIN_MONTHS, s)
    labels = [min_months.label]
    if rotation.planned_months < min_months.value:
        found.add(TOO_SHORT)
    if add_years(s, service_years_required(rotation)) > retirement_date(birth_date, gender):
        found.add(TOO_CLOSE)
        labels.append(RETIREMENT_RULE)
    # Every case's violation counts (for expiry); an open or unannounced one bars nothing.
    cases = [c for c in person_cases if c.subject_kind == PERSON]
    used: list[Case] = []
    in_force = [c for c in cases if in_force_on(c, cases, s)]
    if in_force:
        found.add(UNDER_DISCIPLINE)
        used.extend(in_force)
    to_rank = _rank(rotation.to_role)
    if rotation.from_role is not None and to_rank > _rank(rotation.from_role):
        barring = [
            c
            for c in cases
            if c.announced_date is not None
            and c.announced_date <= s
            and (bar := promotion_bar_until(c)) is not None
            and bar > s
        ]
        if barring:
            found.add(PROMOTION_BARRED)
            used.extend(barring)
    for c in sorted(used, key=lambda c: c.code):
        for label in case_rule(c).split(" + "):
            if label not in labels:
                labels.append(label)
    return sorted(found), " + ".join(labels)


def rotation_findings(
    rotation: Rotation, *, birth_date: date, gender: str, person_cases: Sequence[Case]
) -> list[str]:
    """The sorted findings on ``rotation`` (a subset of :data:`FINDINGS`).

    Raises ``ValueError`` on an unknown role or gender.
    """
    return _evaluate(rotation, birth_date, gender, person_cases)[0]


def rotation_rule(
    rotation: Rotation, *, birth_date: date, gender: str, person_cases: Sequence[Case]
) -> str:
    """The versions behind the findings: 65-QĐ/TW, NĐ 135/2020 and the discipline versions of
    the cases that produced a finding."""
    return _evaluate(rotation, birth_date, gender, person_cases)[1]


def review_rotations(
    rotations: Sequence[Rotation],
    people: Mapping[str, tuple[date, str]],
    cases_by_person: Mapping[str, Sequence[Case]],
) -> list[dict[str, Any]]:
    """The ``rotations`` review of INTERCHANGE.md: rotations with >= 1 finding, by code.

    ``people`` maps person_code to (birth_date, gender); a missing person is a ``KeyError``.
    """
    out = []
    for r in sorted(rotations, key=lambda x: x.code):
        birth, gender = people[r.person_code]
        findings, rule = _evaluate(r, birth, gender, cases_by_person.get(r.person_code, ()))
        if findings:
            out.append(
                {
                    "rotation_code": r.code,
                    "person_code": r.person_code,
                    "findings": findings,
                    "rule": rule,
                }
            )
    return out


# --- plans ------------------------------------------------------------------------------------

ENDS_BEFORE_START = "ends_before_start"
ANNUAL_SPANS_YEARS = "annual_spans_years"
TERM_NOT_FIVE_YEARS = "term_not_five_years"
PLAN_PROBLEMS = (ANNUAL_SPANS_YEARS, ENDS_BEFORE_START, TERM_NOT_FIVE_YEARS)


def _plan_version(start_year: int | None):
    return applicable(ROTATION_PLAN_YEARS, date(start_year or 2022, 1, 1))


def plan_period_problems(
    kind: str | None, start_year: int | None, end_year: int | None
) -> list[str]:
    """What is wrong with a plan's years for its kind (65-QĐ/TW (28/4/2022): plans "cả nhiệm
    kỳ" and "hằng năm"; parameters :data:`~dangbo.rules.versions.ROTATION_PLAN_YEARS`).

    - ``ends_before_start``: end_year < start_year.
    - ``annual_spans_years``: an ``annual`` plan whose end_year is not its start_year.
    - ``term_not_five_years``: a ``term`` plan whose end_year - start_year is not 4 (the five
      years it covers, 2016–2020) or 5 (the congress term as written, 2020–2025).

    A year left blank is not known yet and is not a problem; a kind left blank only needs
    the years in order. Returns the sorted problem codes.
    """
    if start_year is None or end_year is None:
        return []
    if end_year < start_year:
        return [ENDS_BEFORE_START]
    spans = _plan_version(start_year).value
    if kind not in spans:
        return []
    fewest, most = spans[kind]
    if fewest <= end_year - start_year <= most:
        return []
    return [ANNUAL_SPANS_YEARS if kind == "annual" else TERM_NOT_FIVE_YEARS]


def plan_period_rule(start_year: int | None = None) -> str:
    """The version behind :func:`plan_period_problems` (its label, for the screens)."""
    return _plan_version(start_year).label


# The key posts (chức danh chủ chốt) a rotation sends a cadre to, as the article counts them
# ("6 cán bộ ... 3 đồng chí làm bí thư đảng ủy, 3 đồng chí làm chủ tịch UBND").
PARTY_SECRETARY = "party_secretary"
PEOPLES_COMMITTEE_CHAIR = "peoples_committee_chair"
COUNCIL_CHAIR = "council_chair"
DEPUTY_SECRETARY = "deputy_secretary"
KEY_POSTS = (PARTY_SECRETARY, PEOPLES_COMMITTEE_CHAIR, COUNCIL_CHAIR, DEPUTY_SECRETARY)

_LETTERS = str.maketrans({"đ": "d", "Đ": "d"})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.translate(_LETTERS))
    plain = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def key_post(to_role: str, to_title: str | None) -> str:
    """The key post a rotation leads to, or "" (another post, counted by its role).

    The unit a rotation goes to is a Party unit, so its ``head`` is its secretary (bí thư).
    A title naming a state post decides it for the others: "Chủ tịch UBND" / "Chủ tịch Ủy
    ban nhân dân" → People's Committee chair, "Chủ tịch HĐND" → council chair; "Phó Bí thư"
    alone → deputy secretary. A head is counted as secretary even if the title adds a
    concurrent post (one cadre, one count).
    """
    if to_role == "head":
        return PARTY_SECRETARY
    title = _fold(to_title or "")
    if "chu tich ubnd" in title or "chu tich uy ban nhan dan" in title:
        return PEOPLES_COMMITTEE_CHAIR
    if "chu tich hdnd" in title or "chu tich hoi dong nhan dan" in title:
        return COUNCIL_CHAIR
    parts = [p.strip() for p in title.replace(";", ",").split(",")]
    if any(p.startswith("bi thu") for p in parts):
        return PARTY_SECRETARY
    if any(p.startswith("pho bi thu") for p in parts):
        return DEPUTY_SECRETARY
    return ""


def key_post_counts(rotations: Sequence[tuple[str, str | None]]) -> dict[str, int]:
    """How many of ``(to_role, to_title)`` go to each key post ("" for the other posts), in
    the order of :data:`KEY_POSTS`, posts with none left out."""
    counts: dict[str, int] = {}
    for role, title in rotations:
        post = key_post(role, title)
        counts[post] = counts.get(post, 0) + 1
    return {post: counts[post] for post in (*KEY_POSTS, "") if post in counts}
