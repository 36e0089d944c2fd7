"""Annual review and classification findings (kiểm điểm, đánh giá, xếp loại), RULES.md §5.

Sources: 124-QĐ/TW (4/10/2023); from rating year 2025, 366-QĐ/TW (30/8/2025) with Hướng dẫn
43-HD/BTCTW. Versions are looked up by rating year (:func:`~dangbo.rules.versions.
for_rating_year`); the 20% quota is applied to every rating year held, earlier years under the
earliest version held.

Levels: ``xuat_sac``, ``tot``, ``hoan_thanh``, ``khong_hoan_thanh``. Findings for year Y:

- ``quota_exceeded`` (per group and subject kind): excellent × 5 > good.
- ``disciplined_in_year`` (person): a decision against them was announced in Y and the level is
  not ``khong_hoan_thanh``.
- ``score_level_mismatch`` (Y >= 2025, score given): level is not the band of the score
  (>= 90 xuat_sac, >= 70 tot, >= 50 hoan_thanh, else khong_hoan_thanh).
- ``excellent_blocked`` (unit rated xuat_sac, Y >= 2025): a decision announced in Y against a
  unit strictly below it (``unit_parent``: the tree valid on 31 December Y) or against a person
  who held a head/deputy post in it during Y.

The caller supplies the decisions and the tree as plain sets and mappings, so this module
needs no database. Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dangbo.rules.versions import (
    RATING_QUOTA,
    RATING_REGULATION,
    SCORE_BANDS,
    for_rating_year,
    in_force,
    rating_year_key,
)

__all__ = [
    "EXCELLENT_BLOCKED",
    "FIRST_SCORED_YEAR",
    "LEVELS",
    "Rating",
    "band_for_score",
    "descendants",
    "rating_findings",
    "score_bands",
]

LEVELS = ("xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh")
QUOTA_EXCEEDED = "quota_exceeded"
DISCIPLINED = "disciplined_in_year"
MISMATCH = "score_level_mismatch"
EXCELLENT_BLOCKED = "excellent_blocked"
FIRST_SCORED_YEAR = SCORE_BANDS[0].effective_from.year  # 2025: score bands and blocking


@dataclass(frozen=True)
class Rating:
    """One row of ``ratings``."""

    year: int
    subject_kind: str  # "person" | "unit"
    subject_code: str
    group: str
    level: str
    score: float | None = None


def score_bands(year: int) -> tuple[tuple[float, str], ...] | None:
    """The score bands of rating year ``year`` ((lowest score, level), highest first; the last
    catches everything below), or None before bands exist (2025). A caller that lets a
    database pick the ratings whose level is not their band builds its test from these."""
    try:
        return in_force(SCORE_BANDS, rating_year_key(year)).value
    except ValueError:
        return None


def band_for_score(score: float, year: int) -> str | None:
    """The level band of ``score`` in rating year ``year``; None before bands exist (2025)."""
    bands = score_bands(year)
    if bands is None:
        return None
    return _band(score, bands)


def _band(score: float, bands: tuple[tuple[float, str], ...]) -> str:
    for low, level in bands:
        if score >= low:
            return level
    raise ValueError(f"score {score} below every band")  # pragma: no cover - last is -inf


def descendants(unit_code: str, unit_parent: Mapping[str, str | None]) -> set[str]:
    """Units strictly below ``unit_code`` in the tree given as child -> parent (cycle-safe)."""
    children: dict[str, list[str]] = {}
    for child, parent in unit_parent.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    seen: set[str] = set()
    stack = list(children.get(unit_code, ()))
    while stack:
        u = stack.pop()
        if u in seen or u == unit_code:
            continue
        seen.add(u)
        stack.extend(children.get(u, ()))
    return seen


def strict_ancestors(unit_codes: Iterable[str], unit_parent: Mapping[str, str | None]) -> set[str]:
    """Every unit strictly above any of ``unit_codes`` (cycle-safe).

    Walking up from the few units with a decision is linear in decisions × depth, where
    asking each excellent unit for its descendants would rebuild the tree every time.
    """
    above: set[str] = set()
    for code in unit_codes:
        seen = {code}
        parent = unit_parent.get(code)
        while parent is not None and parent not in seen:
            seen.add(parent)
            above.add(parent)
            parent = unit_parent.get(parent)
    return above


def _finding(name: str, kind: str, code: str | None, group: str, rule: str) -> dict[str, Any]:
    return {
        "finding": name,
        "subject_kind": kind,
        "subject_code": code,
        "group": group,
        "rule": rule,
    }


def _sort_key(f: dict[str, Any]) -> tuple[Any, ...]:
    code = f["subject_code"]
    return (f["finding"], f["group"], f["subject_kind"], code is not None, code or "")


def count_by_group(ratings: Iterable[Rating]) -> dict[tuple[str, str], tuple[int, int]]:
    """(group, subject_kind) -> (rated excellent, rated good): what the quota compares."""
    counts: dict[tuple[str, str], list[int]] = {}
    for r in ratings:
        c = counts.setdefault((r.group, r.subject_kind), [0, 0])
        if r.level == "xuat_sac":
            c[0] += 1
        elif r.level == "tot":
            c[1] += 1
    return {key: (excellent, good) for key, (excellent, good) in counts.items()}


def rating_findings(
    ratings: Iterable[Rating],
    year: int,
    *,
    person_decisions_in_year: set[str],
    unit_parent: Mapping[str, str | None],
    units_with_decision_in_year: set[str],
    head_or_deputy_in_year: Mapping[str, set[str]],
    group_counts: Mapping[tuple[str, str], tuple[int, int]] | None = None,
) -> list[dict[str, Any]]:
    """The ``ratings`` review for ``year``: {finding, subject_kind, subject_code, group, rule}.

    Only ratings of ``year`` count. ``person_decisions_in_year`` / ``units_with_decision_in_year``:
    codes of persons / units with a decision announced in the year. ``unit_parent``: child ->
    parent, the tree valid on 31 December of the year. ``head_or_deputy_in_year``: unit code ->
    persons who held a head or deputy post in it at any time during the year.
    ``group_counts``: (group, subject_kind) -> (rated excellent, rated good) for the whole
    year, when the caller counted them (a database can); ``ratings`` may then hold only the
    ratings that a per-rating finding can concern. Sorted by (finding, group, subject_kind,
    subject_code with None first).
    """
    rows = [r for r in ratings if r.year == year]
    regulation = for_rating_year(RATING_REGULATION, year).label
    quota = for_rating_year(RATING_QUOTA, year)
    out: list[dict[str, Any]] = []

    counts = group_counts if group_counts is not None else count_by_group(rows)
    share = quota.value
    for (group, kind), (excellent, good) in counts.items():
        if excellent * share.denominator > good * share.numerator:
            out.append(_finding(QUOTA_EXCEEDED, kind, None, group, quota.label))

    scored = year >= FIRST_SCORED_YEAR
    decision_below = strict_ancestors(units_with_decision_in_year, unit_parent) if scored else set()
    bands_label = in_force(SCORE_BANDS, rating_year_key(year)).label if scored else ""
    bands = score_bands(year) if scored else None
    for r in rows:
        if (
            r.subject_kind == "person"
            and r.subject_code in person_decisions_in_year
            and r.level != "khong_hoan_thanh"
        ):
            out.append(_finding(DISCIPLINED, r.subject_kind, r.subject_code, r.group, regulation))
        if bands is not None and r.score is not None and _band(r.score, bands) != r.level:
            out.append(_finding(MISMATCH, r.subject_kind, r.subject_code, r.group, bands_label))
        if scored and r.subject_kind == "unit" and r.level == "xuat_sac":
            leaders = head_or_deputy_in_year.get(r.subject_code, set()) & person_decisions_in_year
            if r.subject_code in decision_below or leaders:
                out.append(
                    _finding(EXCELLENT_BLOCKED, r.subject_kind, r.subject_code, r.group, regulation)
                )
    return sorted(out, key=_sort_key)
