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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dangbo.rules.dates import add_years
from dangbo.rules.discipline import PERSON, Case, case_rule, in_force_on, promotion_bar_until
from dangbo.rules.retirement import RULE as RETIREMENT_RULE
from dangbo.rules.retirement import retirement_date
from dangbo.rules.versions import ROTATION_MIN_MONTHS, ROTATION_SERVICE_YEARS, applicable

__all__ = [
    "FINDINGS",
    "REASONS",
    "ROLE_RANK",
    "Rotation",
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
