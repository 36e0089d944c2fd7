"""Tenure review, RULES.md §1 (65-QĐ/TW, Điều 3 khoản 3)."""

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangbo.rules.dates import add_months, full_months
from dangbo.rules.tenure import (
    APPROACHING_MONTHS,
    CHAIN_GAP_DAYS,
    OVER_MONTHS,
    RULE,
    Holding,
    TenureFinding,
    chain_tenures,
    review_tenure,
    review_tenure_sorted,
)

AS_OF = date(2024, 3, 15)


def h(start, end=None, person="P1", unit="U1", role="head", ref=None):
    return Holding(person, unit, role, start, end, ref)


def days(n):
    return timedelta(days=n)


def one(findings):
    assert len(findings) == 1, findings
    return findings[0]


# --- examples and boundaries -------------------------------------------------------------


def test_rules_example_95_and_96_months():
    start = date(2016, 3, 15)
    assert one(review_tenure([h(start)], date(2024, 3, 14))).months == 95
    f = one(review_tenure([h(start)], date(2024, 3, 15)))
    assert (f.months, f.status, f.since) == (96, "over", start)


@pytest.mark.parametrize(
    ("months", "status"),
    [(83, None), (84, "approaching"), (95, "approaching"), (96, "over"), (150, "over")],
)
def test_status_boundaries(months, status):
    start = add_months(AS_OF, -months)
    findings = review_tenure([h(start)], AS_OF)
    if status is None:
        assert findings == []
    else:
        f = one(findings)
        assert (f.months, f.status) == (months, status)


def test_boundary_is_reached_on_the_day_not_before():
    start = date(2016, 3, 15)
    assert review_tenure([h(start)], date(2023, 3, 14)) == []  # 83 months
    assert one(review_tenure([h(start)], date(2023, 3, 15))).status == "approaching"
    assert one(review_tenure([h(start)], date(2024, 3, 14))).status == "approaching"
    assert one(review_tenure([h(start)], date(2024, 3, 15))).status == "over"


def test_start_on_the_31st():
    start = date(2016, 8, 31)
    assert one(review_tenure([h(start)], date(2024, 8, 30))).status == "approaching"
    assert one(review_tenure([h(start)], date(2024, 8, 31))).status == "over"
    # February has no 31st: the month completes on its last day.
    start = date(2016, 2, 29)
    assert one(review_tenure([h(start)], date(2024, 2, 28))).months == 95
    assert one(review_tenure([h(start)], date(2024, 2, 29))).months == 96
    start = date(2016, 1, 31)
    assert review_tenure([h(start)], date(2023, 1, 30)) == []  # 83 full months
    assert one(review_tenure([h(start)], date(2023, 1, 31))).months == 84
    assert one(review_tenure([h(start)], date(2024, 1, 30))).months == 95
    assert one(review_tenure([h(start)], date(2024, 1, 31))).months == 96
    assert one(review_tenure([h(start)], date(2024, 2, 29))).months == 97  # clamped: Jan 31 + 97


# --- chaining -----------------------------------------------------------------------------


def test_gap_of_31_days_chains():
    first_end = date(2019, 6, 30)
    holdings = [h(date(2016, 1, 1), first_end), h(first_end + days(CHAIN_GAP_DAYS))]
    f = one(review_tenure(holdings, AS_OF))
    assert f.since == date(2016, 1, 1)
    assert f.holdings == tuple(holdings)
    assert f.status == "over"


def test_gap_of_32_days_does_not_chain():
    first_end = date(2019, 6, 30)
    holdings = [h(date(2016, 1, 1), first_end), h(first_end + days(CHAIN_GAP_DAYS + 1))]
    assert len(chain_tenures(holdings)) == 2
    assert review_tenure(holdings, AS_OF) == []  # the new tenure is under 84 months


def test_consecutive_holdings_chain():
    # A rename keeps the unit code: the next holding starts the day after the last ends.
    holdings = [
        h(date(2015, 1, 1), date(2017, 12, 31)),
        h(date(2018, 1, 1), date(2020, 12, 31)),
        h(date(2021, 1, 1)),
    ]
    f = one(review_tenure(holdings, AS_OF))
    assert (f.since, f.status, len(f.holdings)) == (date(2015, 1, 1), "over", 3)


def test_open_earlier_holding_chains_any_later_one():
    holdings = [h(date(2015, 1, 1), None), h(date(2022, 1, 1), date(2022, 6, 30))]
    chains = chain_tenures(holdings)
    assert len(chains) == 1
    # Still held through the open holding, though the last one to start has ended.
    f = one(review_tenure(holdings, AS_OF))
    assert f.since == date(2015, 1, 1)


def test_chain_end_is_latest_end_not_last_end():
    holdings = [
        h(date(2014, 1, 1), date(2023, 12, 31)),
        h(date(2015, 1, 1), date(2015, 6, 30)),  # inside the first
        h(date(2024, 1, 20)),  # 20 days after the first ends, 4+ years after the second
    ]
    assert len(chain_tenures(holdings)) == 1
    assert one(review_tenure(holdings, AS_OF)).since == date(2014, 1, 1)


def test_overlapping_holdings_chain():
    holdings = [h(date(2015, 1, 1), date(2020, 1, 1)), h(date(2019, 1, 1))]
    f = one(review_tenure(holdings, AS_OF))
    assert f.since == date(2015, 1, 1)


def test_different_unit_or_role_does_not_chain():
    # A merger creates a new unit code; head after deputy is a new role: new tenures.
    holdings = [
        h(date(2012, 1, 1), date(2019, 12, 31), unit="OLD"),
        h(date(2020, 1, 1), unit="NEW"),
        h(date(2012, 1, 1), date(2019, 12, 31), unit="X", role="deputy"),
        h(date(2020, 1, 1), unit="X", role="head"),
    ]
    assert len(chain_tenures(holdings)) == 4
    assert review_tenure(holdings, AS_OF, include_deputies=True) == []


def test_chain_tenures_keeps_every_role_and_ended_chains():
    holdings = [
        h(date(2000, 1, 1), date(2001, 1, 1), role="member"),
        h(date(2010, 1, 1), date(2011, 1, 1)),
        h(date(2005, 1, 1), date(2006, 1, 1)),
    ]
    chains = chain_tenures(holdings)
    assert [c[0].start for c in chains] == [date(2005, 1, 1), date(2010, 1, 1), date(2000, 1, 1)]


# --- as-of date ---------------------------------------------------------------------------


def test_holding_starting_after_as_of_is_ignored():
    holdings = [h(date(2015, 1, 1), date(2024, 3, 1)), h(date(2024, 3, 20))]
    # The later holding would chain, but does not exist yet on AS_OF: the tenure ended.
    assert review_tenure(holdings, AS_OF) == []
    f = one(review_tenure(holdings, date(2024, 3, 20)))
    assert f.since == date(2015, 1, 1)


def test_only_future_holding_reports_nothing():
    assert review_tenure([h(date(2025, 1, 1))], AS_OF) == []


def test_tenure_ended_before_as_of_is_not_reported():
    assert review_tenure([h(date(2010, 1, 1), AS_OF - days(1))], AS_OF) == []


def test_tenure_ending_on_as_of_is_reported():
    f = one(review_tenure([h(date(2010, 1, 1), AS_OF)], AS_OF))
    assert f.status == "over"


def test_months_count_to_as_of_not_to_end():
    f = one(review_tenure([h(date(2016, 3, 15), date(2030, 1, 1))], date(2023, 6, 1)))
    assert f.months == full_months(date(2016, 3, 15), date(2023, 6, 1)) == 86


# --- roles --------------------------------------------------------------------------------


def test_deputies_only_with_include_deputies():
    holdings = [h(date(2010, 1, 1), role="deputy")]
    assert review_tenure(holdings, AS_OF) == []
    f = one(review_tenure(holdings, AS_OF, include_deputies=True))
    assert (f.role, f.status) == ("deputy", "over")


def test_members_never():
    holdings = [h(date(2000, 1, 1), role="member")]
    assert review_tenure(holdings, AS_OF) == []
    assert review_tenure(holdings, AS_OF, include_deputies=True) == []


# --- output -------------------------------------------------------------------------------


def test_sorted_by_person_unit_role():
    start = date(2010, 1, 1)
    holdings = [
        h(start, person="P2", unit="U1"),
        h(start, person="P1", unit="U2"),
        h(start, person="P1", unit="U1", role="head"),
        h(start, person="P1", unit="U1", role="deputy"),
        h(start, person="P10", unit="U1"),
    ]
    keys = [(f.person_code, f.unit_code, f.role) for f in review_tenure(holdings, AS_OF, True)]
    assert keys == [
        ("P1", "U1", "deputy"),
        ("P1", "U1", "head"),
        ("P1", "U2", "head"),
        ("P10", "U1", "head"),
        ("P2", "U1", "head"),
    ]


def test_to_json():
    holdings = [h(date(2015, 1, 31), date(2018, 5, 1), ref=7), h(date(2018, 5, 2), ref=8)]
    f = one(review_tenure(holdings, AS_OF))
    assert f.to_json() == {
        "person_code": "P1",
        "unit_code": "U1",
        "role": "head",
        "since": "2015-01-31",
        "months": 109,
        "status": "over",
        "rule": RULE,
        "holdings": [
            {"start": "2015-01-31", "end": "2018-05-01"},
            {"start": "2018-05-02", "end": None},
        ],
    }
    assert [x.ref for x in f.holdings] == [7, 8]
    assert "65-QĐ/TW" in RULE and "Điều 3 khoản 3" in RULE


def test_ref_is_not_compared():
    assert h(date(2020, 1, 1), ref=1) == h(date(2020, 1, 1), ref=2)
    assert len({h(date(2020, 1, 1), ref=[1]), h(date(2020, 1, 1), ref=[2])}) == 1


def test_findings_are_frozen():
    f = one(review_tenure([h(date(2010, 1, 1))], AS_OF))
    with pytest.raises(AttributeError):
        f.months = 1


# --- streaming variant --------------------------------------------------------------------


def test_sorted_variant_rejects_unsorted_input():
    holdings = [h(date(2015, 1, 1), person="P2"), h(date(2015, 1, 1), person="P1")]
    with pytest.raises(ValueError, match="not sorted"):
        list(review_tenure_sorted(holdings, AS_OF))
    holdings = [h(date(2016, 1, 1)), h(date(2015, 1, 1))]
    with pytest.raises(ValueError, match="not sorted"):
        list(review_tenure_sorted(holdings, AS_OF))


def test_sorted_variant_is_lazy():
    def explode():
        raise AssertionError("read past the first key")
        yield  # pragma: no cover

    holdings = [h(date(2010, 1, 1), person="P1"), h(date(2010, 1, 1), person="P2")]
    stream = review_tenure_sorted(itertools.chain(holdings, explode()), AS_OF)
    assert next(stream).person_code == "P1"


# --- properties ---------------------------------------------------------------------------

as_of_dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def holdings_lists(draw, max_size=12):
    n = draw(st.integers(min_value=0, max_value=max_size))
    out = []
    for i in range(n):
        start = draw(starts)
        length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=5000)))
        out.append(
            Holding(
                person_code=draw(st.sampled_from(["P1", "P2"])),
                unit_code=draw(st.sampled_from(["U1", "U2"])),
                role=draw(st.sampled_from(["head", "deputy", "member"])),
                start=start,
                end=None if length is None else start + days(length),
                ref=i,
            )
        )
    return out


def oracle(holdings, as_of, include_deputies):
    """Quadratic reference: tenures are connected components of [start, end + 31 days]."""
    roles = {"head", "deputy"} if include_deputies else {"head"}
    counted = [x for x in holdings if x.role in roles and x.start <= as_of]
    far = date.max

    def reach(x):
        return far if x.end is None else x.end + days(CHAIN_GAP_DAYS)

    parent = list(range(len(counted)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(counted)), 2):
        a, b = counted[i], counted[j]
        if a.key == b.key and a.start <= reach(b) and b.start <= reach(a):
            parent[find(i)] = find(j)
    groups = {}
    for i, x in enumerate(counted):
        groups.setdefault(find(i), []).append(x)
    result = []
    for group in groups.values():
        if any(x.end is None or x.end >= as_of for x in group):
            since = min(x.start for x in group)
            months = full_months(since, as_of)
            if months >= APPROACHING_MONTHS:
                status = "over" if months >= OVER_MONTHS else "approaching"
                result.append((*group[0].key, since, months, status))
    return sorted(result)


def summary(findings):
    return [(f.person_code, f.unit_code, f.role, f.since, f.months, f.status) for f in findings]


@settings(max_examples=300)
@given(holdings_lists(), as_of_dates, st.booleans())
def test_matches_quadratic_oracle(holdings, as_of, include_deputies):
    assert summary(review_tenure(holdings, as_of, include_deputies)) == oracle(
        holdings, as_of, include_deputies
    )


@given(holdings_lists(), as_of_dates, st.booleans(), st.randoms(use_true_random=False))
def test_input_order_does_not_matter(holdings, as_of, include_deputies, rnd):
    shuffled = list(holdings)
    rnd.shuffle(shuffled)
    assert review_tenure(shuffled, as_of, include_deputies) == review_tenure(
        holdings, as_of, include_deputies
    )


@given(holdings_lists(), as_of_dates, st.booleans())
def test_finding_invariants(holdings, as_of, include_deputies):
    findings = review_tenure(holdings, as_of, include_deputies)
    keys = [(f.person_code, f.unit_code, f.role) for f in findings]
    # Sorted, and one finding per key: a chain still held on as_of ends on or after it, so
    # the next chain of that key would start more than 31 days later, after as_of.
    assert keys == sorted(set(keys))
    for f in findings:
        assert isinstance(f, TenureFinding)
        assert f.role in ({"head", "deputy"} if include_deputies else {"head"})
        assert (f.status == "over") == (f.months >= OVER_MONTHS)
        assert (f.status == "approaching") == (APPROACHING_MONTHS <= f.months < OVER_MONTHS)
        assert f.months == full_months(f.since, as_of)
        assert f.since == f.holdings[0].start == min(x.start for x in f.holdings)
        assert [x.start for x in f.holdings] == sorted(x.start for x in f.holdings)
        key = (f.person_code, f.unit_code, f.role)
        assert all(x.start <= as_of and x.key == key for x in f.holdings)
        assert any(x.end is None or x.end >= as_of for x in f.holdings)
        assert f.rule == RULE


@given(holdings_lists(), as_of_dates, st.booleans())
def test_sorted_variant_equals_review(holdings, as_of, include_deputies):
    # Callers sort as review_tenure does: by key and start, then end with an open post last
    # (the database query does the same), so equal starts come out in the same order.
    ordered = sorted(holdings, key=lambda x: (*x.key, x.start, x.end or date.max))
    assert list(review_tenure_sorted(ordered, as_of, include_deputies)) == review_tenure(
        holdings, as_of, include_deputies
    )


@given(holdings_lists())
def test_chains_partition_the_holdings(holdings):
    chains = chain_tenures(holdings)
    assert sorted(x.ref for c in chains for x in c) == sorted(x.ref for x in holdings)
    for c in chains:
        assert len({x.key for x in c}) == 1
    # Between consecutive chains of one key there is a gap of more than 31 days.
    for prev, nxt in itertools.pairwise(chains):
        if prev[0].key == nxt[0].key:
            ends = [x.end for x in prev]
            assert None not in ends
            assert (nxt[0].start - max(ends)).days > CHAIN_GAP_DAYS


@given(
    start=st.dates(min_value=date(2005, 1, 1), max_value=date(2020, 12, 31)),
    split_after=st.integers(min_value=0, max_value=5000),
    gap=st.integers(min_value=1, max_value=CHAIN_GAP_DAYS),
    tail=st.one_of(st.none(), st.integers(min_value=0, max_value=5000)),
    as_of=st.dates(min_value=date(2005, 1, 1), max_value=date(2040, 12, 31)),
)
def test_splitting_with_short_gap_changes_nothing(start, split_after, gap, tail, as_of):
    """Cutting a holding in two, the second starting <= 31 days after the first ends."""
    first_end = start + days(split_after)
    second_start = first_end + days(gap)
    end = None if tail is None else second_start + days(tail)
    whole = review_tenure([h(start, end)], as_of)
    split = review_tenure([h(start, first_end), h(second_start, end)], as_of)
    if first_end < as_of < second_start:
        # The post is genuinely vacant on as_of: nobody holds it, nothing to report.
        assert split == []
    else:
        assert summary(split) == summary(whole)
