"""Effective-dated parameters of the rules: the one place where regulation values live.

RULES.md, preamble: regulations change (several were replaced in 2025), so every rule that
depends on one is versioned by effective date, and the version in force on the date that
matters applies (the announcement date of a decision, the start of a rotation, the due date of
a report; for ratings the rating year, see :func:`for_rating_year`). A finding names the
version it used through :attr:`Version.label`, e.g.
``"69-QĐ/TW (2022), sửa đổi bởi 264-QĐ/TW (2025); v2022-07-06"``.

Each table is a tuple of :class:`Version` sorted by ``effective_from``. :func:`in_force` is
strict (no version before the first one). :func:`applicable` is what the rules use: RULES.md
applies the earliest version held to earlier dates too (e.g. "80-QĐ/TW, before 2025-10-08";
the 20% quota "applied to every rating year held"), and the finding still names that version,
so a user can see which text was applied. Adding an earlier regulation that differed is adding
an earlier :class:`Version` here; nothing else changes.

Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from types import MappingProxyType
from typing import Any

__all__ = [
    "AUTO_EXPIRY_MONTHS",
    "COMPLAINT_MONTHS",
    "LIMITATION_YEARS",
    "PROMOTION_BAR_MONTHS",
    "RATING_QUOTA",
    "RATING_REGULATION",
    "RETIREMENT_AGE",
    "ROTATION_MIN_MONTHS",
    "ROTATION_PLAN_YEARS",
    "ROTATION_SERVICE_YEARS",
    "SCORE_BANDS",
    "SUPERVISION",
    "SUPERVISION_DEADLINE",
    "SUPERVISION_SCHEME",
    "TABLES",
    "RetirementSchedule",
    "Version",
    "applicable",
    "for_rating_year",
    "in_force",
    "rating_year_key",
]


@dataclass(frozen=True)
class Version:
    """One version of a parameter: ``value`` applies from ``effective_from`` on.

    ``citation`` is the regulation text a user can check (number, date, article where known).
    """

    effective_from: date
    value: Any
    citation: str

    @property
    def label(self) -> str:
        """The text a finding's ``rule`` carries: citation and version (effective date)."""
        return f"{self.citation}; v{self.effective_from.isoformat()}"


def _check_sorted(versions: Sequence[Version]) -> None:
    if not versions:
        raise ValueError("no versions")
    for a, b in zip(versions, versions[1:], strict=False):
        if not a.effective_from < b.effective_from:
            raise ValueError(f"versions not sorted by effective_from: {a} then {b}")


def in_force(versions: Sequence[Version], on: date) -> Version:
    """Return the version with the latest ``effective_from`` <= ``on``.

    Raises ``ValueError`` when every version starts after ``on`` (or there is none).
    """
    found: Version | None = None
    for v in versions:
        if v.effective_from <= on and (found is None or v.effective_from > found.effective_from):
            found = v
    if found is None:
        raise ValueError(f"no version in force on {on.isoformat()}")
    return found


def applicable(versions: Sequence[Version], on: date) -> Version:
    """Return :func:`in_force` on ``on``, or the earliest version when ``on`` precedes them all.

    RULES.md applies the earliest regulation held to earlier dates; the version's label says
    which text was applied.
    """
    try:
        return in_force(versions, on)
    except ValueError:
        if not versions:
            raise
        return min(versions, key=lambda v: v.effective_from)


def rating_year_key(year: int) -> date:
    """Rating tables are keyed by the rating year: version effective_from = 1 January of it."""
    return date(year, 1, 1)


def for_rating_year(versions: Sequence[Version], year: int) -> Version:
    """The version for rating year ``year`` (earliest version for earlier years, as RULES §5)."""
    return applicable(versions, rating_year_key(year))


def _frozen(d: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(d))


# --- §4 Discipline ----------------------------------------------------------------------------

_DISCIPLINE = "69-QĐ/TW (2022), sửa đổi bởi 264-QĐ/TW (2025)"

#: Limitation period (thời hiệu) in years by form; forms absent (khai_tru, giai_tan) have none.
#: Looked up on the decision date.
LIMITATION_YEARS: tuple[Version, ...] = (
    Version(
        date(2022, 7, 6),
        _frozen({"khien_trach": 5, "canh_cao": 10, "cach_chuc": 10}),
        _DISCIPLINE,
    ),
)

#: Automatic expiry (tự động chấm dứt hiệu lực) N months after announcement or complaint
#: resolution; not for khai_tru/giai_tan. Looked up on the announcement date.
AUTO_EXPIRY_MONTHS: tuple[Version, ...] = (Version(date(2022, 7, 6), 12, _DISCIPLINE),)

#: A complaint about a decision is filed within N months of receiving it (received = announced).
COMPLAINT_MONTHS: tuple[Version, ...] = (
    Version(date(2011, 1, 19), 1, "Điều lệ Đảng (2011), khiếu nại kỷ luật"),
)

#: Promotion bar (không bổ nhiệm, giới thiệu ứng cử vào chức vụ cao hơn) in months after the
#: announcement, by form; persons only, none for khai_tru. Looked up on the announcement date.
PROMOTION_BAR_MONTHS: tuple[Version, ...] = (
    Version(
        date(2022, 8, 18),
        _frozen({"khien_trach": 12, "canh_cao": 30, "cach_chuc": 60}),
        "80-QĐ/TW (18/8/2022)",
    ),
    Version(
        date(2025, 10, 8),
        _frozen({"khien_trach": 24, "canh_cao": 36, "cach_chuc": 60}),
        "377-QĐ/TW (8/10/2025)",
    ),
)

# --- §5 Ratings (keyed by rating year: 1 January of it) ---------------------------------------

#: The regulation that rates a year (for findings that only need the citation).
RATING_REGULATION: tuple[Version, ...] = (
    Version(date(2023, 1, 1), None, "124-QĐ/TW (4/10/2023)"),
    Version(date(2025, 1, 1), None, "366-QĐ/TW (30/8/2025), Hướng dẫn 43-HD/BTCTW"),
)

#: Excellent (xuat_sac) may be at most this fraction of good (tot), per group and subject kind.
RATING_QUOTA: tuple[Version, ...] = (
    Version(date(2023, 1, 1), Fraction(1, 5), "124-QĐ/TW (4/10/2023)"),
    Version(date(2025, 1, 1), Fraction(1, 5), "366-QĐ/TW (30/8/2025), Hướng dẫn 43-HD/BTCTW"),
)

#: Score bands, from rating year 2025: (lowest score, level), highest first; the last band
#: catches everything below. No version before 2025: no score check for earlier years.
SCORE_BANDS: tuple[Version, ...] = (
    Version(
        date(2025, 1, 1),
        ((90, "xuat_sac"), (70, "tot"), (50, "hoan_thanh"), (float("-inf"), "khong_hoan_thanh")),
        "366-QĐ/TW (30/8/2025), Hướng dẫn 43-HD/BTCTW",
    ),
)

# --- §2 Rotation and retirement ---------------------------------------------------------------

_ROTATION = "65-QĐ/TW (28/4/2022), luân chuyển cán bộ"

#: Shortest planned rotation, in months. Looked up on the rotation's start date.
ROTATION_MIN_MONTHS: tuple[Version, ...] = (Version(date(2022, 4, 28), 36, _ROTATION),)

#: Years of service that must remain at the start of a rotation, by reason (default otherwise).
ROTATION_SERVICE_YEARS: tuple[Version, ...] = (
    Version(
        date(2022, 4, 28), _frozen({"default": 10, "term_limit": 5, "non_local": 5}), _ROTATION
    ),
)

#: How many years a rotation plan spans, by kind, as (fewest, most) of end_year - start_year:
#: a plan "hằng năm" covers its one year; a plan "cả nhiệm kỳ" the five years of a term, written
#: either as the years it covers (2016–2020) or as the congress term (2020–2025).
ROTATION_PLAN_YEARS: tuple[Version, ...] = (
    Version(
        date(2022, 4, 28),
        _frozen({"annual": (0, 0), "term": (4, 5)}),
        "65-QĐ/TW (28/4/2022): kế hoạch luân chuyển cả nhiệm kỳ và hằng năm",
    ),
)


@dataclass(frozen=True)
class RetirementSchedule:
    """Retirement age roadmap for one gender, in months: ``base`` before ``first_year``, then
    ``base + step * (Y - first_year + 1)`` in year Y, capped at ``cap``."""

    base: int
    step: int
    cap: int
    first_year: int = 2021

    def age_months(self, year: int) -> int:
        if year < self.first_year:
            return self.base
        return min(self.base + self.step * (year - self.first_year + 1), self.cap)


#: Nghị định 135/2020/NĐ-CP, normal working conditions: men 60y0m before 2021, 60y3m in 2021,
#: +3 months a year up to 62y0m; women 55y0m before 2021, 55y4m in 2021, +4 months a year up
#: to 60y0m. The base ages before 2021 are part of the same roadmap.
RETIREMENT_AGE: tuple[Version, ...] = (
    Version(
        date(2021, 1, 1),
        _frozen(
            {
                "M": RetirementSchedule(base=60 * 12, step=3, cap=62 * 12),
                "F": RetirementSchedule(base=55 * 12, step=4, cap=60 * 12),
            }
        ),
        "Nghị định 135/2020/NĐ-CP (18/11/2020), Điều 4",
    ),
)

# --- §6 Supervision (looked up on the period's due date) --------------------------------------

#: The regulation on supervision; the quarterly report by the 25th is Tân Kỳ practice.
SUPERVISION: tuple[Version, ...] = (
    Version(date(2016, 7, 26), "quarterly", "30-QĐ/TW (26/7/2016)"),
    Version(date(2021, 7, 28), "quarterly", "22-QĐ/TW (28/7/2021)"),
    Version(date(2025, 5, 30), "quarterly", "296-QĐ/TW (30/5/2025)"),
)

#: The local deadline, said the same way for every installation: the day is the setting
#: ``report_day`` (RULES §6; 25 in Tân Kỳ), not a regulation, so no place name is written in.
SUPERVISION_DEADLINE = "quy định của cấp ủy: báo cáo ngày {day} tháng cuối quý"

#: The supervision scheme counts five-year stages from its first year (Tân Kỳ: "giai đoạn
#: 2016 - 2020 và những năm tiếp theo"): (first year, years per stage, how it is cited).
SUPERVISION_SCHEME = (
    2016,
    5,
    "đề án giám sát thường xuyên của cấp ủy viên, giai đoạn {first}–{last}",
)

#: Every table, by name (for listing them on a screen or in documentation).
TABLES: Mapping[str, tuple[Version, ...]] = MappingProxyType(
    {
        "LIMITATION_YEARS": LIMITATION_YEARS,
        "AUTO_EXPIRY_MONTHS": AUTO_EXPIRY_MONTHS,
        "COMPLAINT_MONTHS": COMPLAINT_MONTHS,
        "PROMOTION_BAR_MONTHS": PROMOTION_BAR_MONTHS,
        "RATING_REGULATION": RATING_REGULATION,
        "RATING_QUOTA": RATING_QUOTA,
        "SCORE_BANDS": SCORE_BANDS,
        "ROTATION_MIN_MONTHS": ROTATION_MIN_MONTHS,
        "ROTATION_SERVICE_YEARS": ROTATION_SERVICE_YEARS,
        "ROTATION_PLAN_YEARS": ROTATION_PLAN_YEARS,
        "RETIREMENT_AGE": RETIREMENT_AGE,
        "SUPERVISION": SUPERVISION,
    }
)

for _table in TABLES.values():
    _check_sorted(_table)
del _table
