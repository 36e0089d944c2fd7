"""Tenure review: rà soát cán bộ giữ chức vụ quá 2 nhiệm kỳ (RULES.md §1).

Source: 65-QĐ/TW (28/4/2022), Điều 3 khoản 3 — holding a head post (cấp trưởng) "more than two
consecutive terms" means holding it continuously for 8 years or more in the same locality or
agency. Reviewing deputies too ("kể cả cấp phó") is the Tân Kỳ practice, hence
``include_deputies``. Rule version: v2022-04-28, the only version so far (see :data:`RULE`).

- Holdings of the same (person, unit, role) chain into one tenure when the next starts no later
  than :data:`CHAIN_GAP_DAYS` days after the chain so far ends (overlaps chain; an open holding
  chains every later one).
- As of D: only holdings started on or before D count; only tenures still held on D (last end
  blank or >= D) are reported; ``months`` = full months from the tenure's first start to D.
- ``over`` when months >= 96; ``approaching`` when 84 <= months < 96; shorter not reported.

Pure Python, no Django: callers turn position rows into :class:`Holding` values (``ref`` can
carry a primary key back) and render :meth:`TenureFinding.to_json` as the ``tenure`` review
output of INTERCHANGE.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dangbo.rules.dates import full_months

__all__ = [
    "APPROACHING_MONTHS",
    "CHAIN_GAP_DAYS",
    "DEPUTY",
    "HEAD",
    "MEMBER",
    "OVER_MONTHS",
    "RULE",
    "RULE_EFFECTIVE_FROM",
    "STATUS_APPROACHING",
    "STATUS_OVER",
    "Holding",
    "TenureFinding",
    "chain_tenures",
    "review_tenure",
    "review_tenure_sorted",
    "reviewed_roles",
]

RULE = "65-QĐ/TW (28/4/2022), Điều 3 khoản 3; rà soát nhiệm kỳ v2022-04-28"
RULE_EFFECTIVE_FROM = date(2022, 4, 28)

OVER_MONTHS = 96  # 8 years = two 5-year terms counted as "8 years or more" by 65-QĐ/TW
APPROACHING_MONTHS = 84  # a year's warning to plan a rotation
CHAIN_GAP_DAYS = 31

HEAD = "head"
DEPUTY = "deputy"
MEMBER = "member"

STATUS_OVER = "over"
STATUS_APPROACHING = "approaching"


@dataclass(frozen=True, slots=True)
class Holding:
    """One row of positions: a person holding a role in a unit from ``start`` to ``end``.

    ``end`` None means still held. ``ref`` is opaque to the rules (e.g. a database pk) and is
    left out of equality and hashing.
    """

    person_code: str
    unit_code: str
    role: str
    start: date
    end: date | None
    ref: Any = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.person_code, self.unit_code, self.role)


@dataclass(frozen=True, slots=True)
class TenureFinding:
    """A reported tenure: held on the review date for at least :data:`APPROACHING_MONTHS`."""

    person_code: str
    unit_code: str
    role: str
    since: date
    months: int
    status: str  # STATUS_OVER | STATUS_APPROACHING
    holdings: tuple[Holding, ...]  # the chained holdings, by start
    rule: str = RULE

    def to_json(self) -> dict[str, Any]:
        """Return the ``tenure`` review object of INTERCHANGE.md (``holdings`` is an extra key)."""
        return {
            "person_code": self.person_code,
            "unit_code": self.unit_code,
            "role": self.role,
            "since": self.since.isoformat(),
            "months": self.months,
            "status": self.status,
            "rule": self.rule,
            "holdings": [
                {"start": h.start.isoformat(), "end": h.end.isoformat() if h.end else None}
                for h in self.holdings
            ],
        }


def reviewed_roles(include_deputies: bool = False) -> frozenset[str]:
    """Roles the review covers: heads by 65-QĐ/TW, deputies too as the Tân Kỳ setting."""
    return frozenset({HEAD, DEPUTY}) if include_deputies else frozenset({HEAD})


def _sort_key(h: Holding) -> tuple[str, str, str, date]:
    return (h.person_code, h.unit_code, h.role, h.start)


def _review_order(h: Holding) -> tuple[str, str, str, date, date]:
    # The end breaks ties between equal starts, so a chain's holdings come out in the same
    # order whatever order the caller read them in.
    return (h.person_code, h.unit_code, h.role, h.start, h.end or date.max)


def _later_end(a: date | None, b: date | None) -> date | None:
    if a is None or b is None:
        return None
    return max(a, b)


def _chains_sorted(
    holdings: Iterable[Holding],
) -> Iterator[tuple[tuple[Holding, ...], date | None]]:
    """Yield (chain, chain end) from holdings sorted by (person, unit, role, start), one pass.

    Memory is bounded by the longest chain, so a sorted database cursor can be streamed.
    Raises ``ValueError`` on out-of-order input, which would otherwise split tenures silently.
    """
    chain: list[Holding] = []
    chain_key: tuple[str, str, str, date] | None = None
    chain_end: date | None = None
    for h in holdings:
        sort_key = _sort_key(h)
        if chain_key is not None and sort_key < chain_key:
            raise ValueError(
                f"holdings not sorted by (person, unit, role, start): {sort_key} after {chain_key}"
            )
        if (
            chain
            and sort_key[:3] == chain_key[:3]
            and (chain_end is None or (h.start - chain_end).days <= CHAIN_GAP_DAYS)
        ):
            chain.append(h)
            # The chain's end is the latest end so far, not the last one: an earlier, longer
            # holding may still cover a later, shorter one.
            chain_end = _later_end(chain_end, h.end)
        else:
            if chain:
                yield tuple(chain), chain_end
            chain = [h]
            chain_end = h.end
        chain_key = sort_key
    if chain:
        yield tuple(chain), chain_end


def chain_tenures(holdings: Iterable[Holding]) -> list[tuple[Holding, ...]]:
    """Group holdings into tenures: per (person, unit, role), by start, gaps <= 31 days chain.

    Returns every chain (held or ended, any role), ordered by (person, unit, role, start).
    """
    return [chain for chain, _end in _chains_sorted(sorted(holdings, key=_review_order))]


def _finding(chain: tuple[Holding, ...], end: date | None, as_of: date) -> TenureFinding | None:
    if end is not None and end < as_of:
        return None
    first = chain[0]
    months = full_months(first.start, as_of)
    if months >= OVER_MONTHS:
        status = STATUS_OVER
    elif months >= APPROACHING_MONTHS:
        status = STATUS_APPROACHING
    else:
        return None
    return TenureFinding(
        person_code=first.person_code,
        unit_code=first.unit_code,
        role=first.role,
        since=first.start,
        months=months,
        status=status,
        holdings=chain,
    )


def review_tenure_sorted(
    holdings: Iterable[Holding], as_of: date, include_deputies: bool = False
) -> Iterator[TenureFinding]:
    """Stream the tenure review over holdings already sorted by (person, unit, role, start).

    Yields findings in (person_code, unit_code, role) order as soon as each key's chains are
    complete, holding at most one chain in memory. At most one finding per key: a chain still
    held on ``as_of`` ends on or after it, so any later chain of that key starts after
    ``as_of`` and does not count. Raises ``ValueError`` if the input is out of order.
    """
    roles = reviewed_roles(include_deputies)
    # Filtering before chaining is the rule: a holding started after as_of does not exist yet,
    # so it can neither extend a tenure nor keep it open.
    counted = (h for h in holdings if h.role in roles and h.start <= as_of)
    for chain, end in _chains_sorted(counted):
        finding = _finding(chain, end, as_of)
        if finding is not None:
            yield finding


def review_tenure(
    holdings: Iterable[Holding], as_of: date, include_deputies: bool = False
) -> list[TenureFinding]:
    """Run the tenure review (RULES.md §1, 65-QĐ/TW Điều 3 khoản 3) as of ``as_of``.

    Accepts holdings in any order; returns findings sorted by (person_code, unit_code, role).
    One sort of the counted holdings, then a linear pass.
    """
    roles = reviewed_roles(include_deputies)
    counted = sorted(
        (h for h in holdings if h.role in roles and h.start <= as_of), key=_review_order
    )
    return list(review_tenure_sorted(counted, as_of, include_deputies))
