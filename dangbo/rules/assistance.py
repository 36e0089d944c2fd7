"""Grassroots assessment and help (khảo sát, giúp đỡ cơ sở), RULES.md §3.

The Tân Kỳ practice (no Party regulation, hence :data:`RULE` names the practice and its
version): boards survey the quality of each commune's political system; a unit found weak is
assigned helpers, one ``lead`` (chủ trì) and any number of ``support`` (phối hợp).

- An assessment is (year, unit, score 0–100); its level comes from the score with the bands
  setting (default (50, 75)): ``weak`` < 50 <= ``average`` < 75 <= ``good``. A level given on
  import must agree with the score (:func:`level_agrees`).
- Every unit assessed ``weak`` in year Y must have exactly one lead helper active on 31 March
  of Y + 1 (active on D: start <= D and end empty or >= D): ``no_lead_helper`` when none,
  ``two_leads`` when more than one.
- Progress: for each unit helped, its rating level in each year since help began (§5 levels).

Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = [
    "DEFAULT_BANDS",
    "LEAD",
    "LEVELS",
    "RULE",
    "SUPPORT",
    "Assessment",
    "Helper",
    "assistance_findings",
    "deadline",
    "level_agrees",
    "level_for_score",
    "progress",
    "weak_units",
]

RULE = "Thực tiễn Tân Kỳ: khảo sát, giúp đỡ cơ sở (RULES §3); v1"
DEFAULT_BANDS = (50, 75)
LEVELS = ("weak", "average", "good")
LEAD = "lead"
SUPPORT = "support"
NO_LEAD = "no_lead_helper"
TWO_LEADS = "two_leads"


def level_for_score(score: float, bands: tuple[float, float] = DEFAULT_BANDS) -> str:
    """``weak`` < bands[0] <= ``average`` < bands[1] <= ``good``; score must be in 0..100."""
    low, high = bands
    if not low <= high:
        raise ValueError(f"bands must be increasing: {bands}")
    if not 0 <= score <= 100:
        raise ValueError(f"score must be between 0 and 100, not {score}")
    if score < low:
        return "weak"
    if score < high:
        return "average"
    return "good"


def level_agrees(
    score: float, level: str | None, bands: tuple[float, float] = DEFAULT_BANDS
) -> bool:
    """True when ``level`` is empty or the level of ``score`` (else the row is rejected)."""
    return level in (None, "") or level == level_for_score(score, bands)


@dataclass(frozen=True)
class Assessment:
    """One row of ``assessments``: (year, unit, score); level derived from the score."""

    year: int
    unit_code: str
    score: float

    def level(self, bands: tuple[float, float] = DEFAULT_BANDS) -> str:
        return level_for_score(self.score, bands)


@dataclass(frozen=True)
class Helper:
    """One row of ``assistance``: ``helper_code`` helps ``unit_code`` as ``lead``/``support``."""

    unit_code: str
    helper_code: str
    role: str
    start: date
    end: date | None = None

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


def deadline(year: int) -> date:
    """The day a unit assessed weak in ``year`` must have its lead: 31 March of year + 1."""
    return date(year + 1, 3, 31)


def weak_units(
    assessments: Iterable[Assessment], year: int, bands: tuple[float, float] = DEFAULT_BANDS
) -> set[str]:
    """Codes of units assessed ``weak`` in ``year``."""
    return {a.unit_code for a in assessments if a.year == year and a.level(bands) == "weak"}


def lead_counts(helpers: Iterable[Helper], year: int) -> dict[str, int]:
    """How many lead helpers each unit has on the deadline of ``year`` (31 March of Y + 1)."""
    day = deadline(year)
    leads: dict[str, int] = {}
    for h in helpers:
        if h.role == LEAD and h.active_on(day):
            leads[h.unit_code] = leads.get(h.unit_code, 0) + 1
    return leads


def findings_from_lead_counts(
    weak_units: Iterable[str], leads: Mapping[str, int]
) -> list[dict[str, Any]]:
    """Every weak unit needs exactly one lead: none is ``no_lead_helper``, more ``two_leads``.

    ``leads``: unit code -> number of leads active on the deadline (see :func:`lead_counts`;
    a database may count them with :data:`LEAD` and :func:`deadline`).
    """
    out = []
    for unit in sorted(set(weak_units)):
        n = leads.get(unit, 0)
        if n != 1:
            out.append(
                {"unit_code": unit, "finding": NO_LEAD if n == 0 else TWO_LEADS, "rule": RULE}
            )
    return out


def assistance_findings(
    weak_units: Iterable[str], helpers: Iterable[Helper], year: int
) -> list[dict[str, Any]]:
    """The ``assistance`` review: {unit_code, finding, rule} sorted by (unit_code, finding)."""
    return findings_from_lead_counts(weak_units, lead_counts(helpers, year))


def progress(
    helpers: Iterable[Helper],
    ratings_by_unit: Mapping[str, Mapping[int, str]],
    until_year: int | None = None,
) -> list[dict[str, Any]]:
    """Per helped unit, sorted by unit_code: {unit_code, since (year help began), since_date,
    lead_codes, support_codes, ratings: [{year, level}], rule}.

    ``ratings`` has one entry per year from ``since`` to ``until_year`` (default: the unit's
    last rated year, or ``since`` when it has none); ``level`` is None for a year not rated.
    """
    by_unit: dict[str, list[Helper]] = {}
    for h in helpers:
        by_unit.setdefault(h.unit_code, []).append(h)
    out = []
    for unit in sorted(by_unit):
        hs = by_unit[unit]
        since_date = min(h.start for h in hs)
        since = since_date.year
        rated = ratings_by_unit.get(unit, {})
        last = until_year if until_year is not None else max([since, *rated])
        out.append(
            {
                "unit_code": unit,
                "since": since,
                "since_date": since_date.isoformat(),
                "lead_codes": sorted({h.helper_code for h in hs if h.role == LEAD}),
                "support_codes": sorted({h.helper_code for h in hs if h.role == SUPPORT}),
                "ratings": [{"year": y, "level": rated.get(y)} for y in range(since, last + 1)],
                "rule": RULE,
            }
        )
    return out
