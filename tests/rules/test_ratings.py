"""Annual rating findings, RULES.md §5 (124-QĐ/TW; 366-QĐ/TW + HD 43)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.rules.ratings import (
    Rating,
    band_for_score,
    count_by_group,
    descendants,
    rating_findings,
    strict_ancestors,
)


def run(ratings, year, persons=(), parent=None, units=(), leaders=None):
    return rating_findings(
        ratings,
        year,
        person_decisions_in_year=set(persons),
        unit_parent=parent or {},
        units_with_decision_in_year=set(units),
        head_or_deputy_in_year=leaders or {},
    )


def keys(findings):
    return [(f["finding"], f["group"], f["subject_kind"], f["subject_code"]) for f in findings]


def unit(code, level, group="G", year=2024, score=None):
    return Rating(year, "unit", code, group, level, score)


def person(code, level, group="G", year=2024, score=None):
    return Rating(year, "person", code, group, level, score)


def test_quota_two_excellent_need_ten_good():
    rows = [unit("X1", "xuat_sac"), unit("X2", "xuat_sac")]
    rows += [unit(f"T{i}", "tot") for i in range(9)]
    assert keys(run(rows, 2024)) == [("quota_exceeded", "G", "unit", None)]
    rows.append(unit("T9", "tot"))
    assert run(rows, 2024) == []


def test_quota_per_group_and_kind_and_year():
    rows = [
        unit("X1", "xuat_sac", group="A"),
        person("P1", "xuat_sac", group="A"),
        *[person(f"P{i}", "tot", group="A") for i in range(2, 7)],
        unit("X2", "xuat_sac", group="B", year=2023),
    ]
    assert keys(run(rows, 2024)) == [("quota_exceeded", "A", "unit", None)]
    f = run(rows, 2023)
    assert keys(f) == [("quota_exceeded", "B", "unit", None)]
    assert "124-QĐ/TW" in f[0]["rule"]
    rows = [unit("X1", "xuat_sac", year=2025)]
    assert "366-QĐ/TW" in run(rows, 2025)[0]["rule"]
    rows = [unit("X1", "xuat_sac", year=2019)]  # earlier years: the earliest version held
    assert "124-QĐ/TW" in run(rows, 2019)[0]["rule"]


def test_disciplined_in_year():
    rows = [person("P1", "tot"), person("P2", "khong_hoan_thanh"), person("P3", "tot")]
    rows += [unit("P1", "hoan_thanh")]  # a unit with the same code is not the person
    assert keys(run(rows, 2024, persons={"P1", "P2"})) == [
        ("disciplined_in_year", "G", "person", "P1")
    ]


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100, "xuat_sac"),
        (90, "xuat_sac"),
        (89.99, "tot"),
        (70, "tot"),
        (69.5, "hoan_thanh"),
        (50, "hoan_thanh"),
        (49.9, "khong_hoan_thanh"),
        (0, "khong_hoan_thanh"),
    ],
)
def test_score_bands(score, band):
    assert band_for_score(score, 2025) == band
    assert band_for_score(score, 2024) is None


def test_score_level_mismatch_from_2025():
    rows = [
        unit("U1", "tot", year=2025, score=91),
        unit("U2", "tot", year=2025, score=70),
        person("P1", "hoan_thanh", year=2025, score=49),
        person("P2", "hoan_thanh", year=2025),  # no score: no check
        *[unit(f"T{i}", "tot", year=2025) for i in range(3)],
    ]
    assert keys(run(rows, 2025)) == [
        ("score_level_mismatch", "G", "person", "P1"),
        ("score_level_mismatch", "G", "unit", "U1"),
    ]
    old = [Rating(2024, r.subject_kind, r.subject_code, r.group, r.level, r.score) for r in rows]
    assert run(old, 2024) == []


TREE = {"D": None, "C1": "D", "C2": "D", "B1": "C1", "B2": "B1", "X": None}


def test_descendants():
    assert descendants("D", TREE) == {"C1", "C2", "B1", "B2"}
    assert descendants("C1", TREE) == {"B1", "B2"}
    assert descendants("B2", TREE) == set()
    assert descendants("A", {"A": "B", "B": "A"}) == {"B"}  # cycle-safe


def test_excellent_blocked():
    good = [unit(f"T{i}", "tot", year=2025) for i in range(10)]
    rows = [unit("D", "xuat_sac", year=2025), unit("C2", "xuat_sac", year=2025), *good]
    # A decision against a unit two levels below D blocks D, not C2.
    assert keys(run(rows, 2025, parent=TREE, units={"B2"})) == [
        ("excellent_blocked", "G", "unit", "D")
    ]
    # Against the unit itself: not "below" it.
    assert run(rows, 2025, parent=TREE, units={"D"}) == []
    # Against a person who was head/deputy of C2 during the year.
    f = run(rows, 2025, parent=TREE, persons={"P9"}, leaders={"C2": {"P9"}})
    assert keys(f) == [("excellent_blocked", "G", "unit", "C2")]
    assert "366-QĐ/TW" in f[0]["rule"]
    # Not before 2025.
    old = [unit("D", "xuat_sac"), *[unit(f"T{i}", "tot") for i in range(10)]]
    assert run(old, 2024, parent=TREE, units={"B2"}) == []


def test_sorted_with_group_findings_first():
    rows = [
        person("P2", "tot", group="A", year=2025),
        person("P1", "xuat_sac", group="A", year=2025, score=95),
        person("P1", "tot", group="B", year=2025),
        unit("U1", "xuat_sac", group="A", year=2025),
    ]
    out = run(rows, 2025, persons={"P1", "P2"})
    assert keys(out) == [
        ("disciplined_in_year", "A", "person", "P1"),
        ("disciplined_in_year", "A", "person", "P2"),
        ("disciplined_in_year", "B", "person", "P1"),
        ("quota_exceeded", "A", "person", None),
        ("quota_exceeded", "A", "unit", None),
    ]
    assert all(set(f) == {"finding", "subject_kind", "subject_code", "group", "rule"} for f in out)


levels = st.sampled_from(["xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"])


@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B"]), st.sampled_from(["unit", "person"]), levels),
        max_size=40,
    ),
    st.integers(2019, 2027),
)
def test_quota_exceeded_exactly_when_excellent_times_five_exceeds_good(specs, year):
    rows = [Rating(year, k, f"S{i}", g, lv) for i, (g, k, lv) in enumerate(specs)]
    out = run(rows, year)
    found = {(f["group"], f["subject_kind"]) for f in out if f["finding"] == "quota_exceeded"}
    expected = set()
    for g in "AB":
        for k in ("unit", "person"):
            excellent = sum(1 for gg, kk, lv in specs if (gg, kk, lv) == (g, k, "xuat_sac"))
            good = sum(1 for gg, kk, lv in specs if (gg, kk, lv) == (g, k, "tot"))
            if excellent * 5 > good:
                expected.add((g, k))
    assert found == expected
    assert out == sorted(out, key=lambda f: (f["finding"], f["group"], f["subject_kind"]))


@given(
    st.dictionaries(
        st.sampled_from([f"U{i}" for i in range(12)]),
        st.one_of(st.none(), st.sampled_from([f"U{i}" for i in range(12)])),
    ),
    st.sets(st.sampled_from([f"U{i}" for i in range(12)])),
)
def test_strict_ancestors_agrees_with_descendants(unit_parent, with_decision):
    above = strict_ancestors(with_decision, unit_parent)
    for unit in {*unit_parent, *with_decision}:
        assert (unit in above) == bool(descendants(unit, unit_parent) & with_decision)


LEVELS = ["xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["unit", "person"]),
            st.integers(0, 9),
            st.sampled_from(["G1", "G2"]),
            st.sampled_from(LEVELS),
            st.one_of(st.none(), st.floats(0, 100)),
        ),
        unique_by=lambda t: (t[0], t[1]),
    ),
    st.sampled_from([2018, 2025]),
    st.sets(st.sampled_from([f"P{i}" for i in range(10)])),
)
def test_counts_given_by_the_caller_give_the_same_findings(specs, year, decided):
    """A caller may count groups itself and pass only the ratings a finding can concern."""
    ratings = [
        Rating(year, kind, f"{'U' if kind == 'unit' else 'P'}{n}", group, level, score)
        for kind, n, group, level, score in specs
    ]
    concerned = [
        r
        for r in ratings
        if (r.subject_kind == "person" and r.subject_code in decided)
        or (
            year >= 2025
            and (r.score is not None or (r.subject_kind, r.level) == ("unit", "xuat_sac"))
        )
    ]
    context = {
        "person_decisions_in_year": decided,
        "unit_parent": {"U1": "U0", "U2": "U1"},
        "units_with_decision_in_year": {"U2"},
        "head_or_deputy_in_year": {"U3": {"P1"}},
    }
    assert rating_findings(ratings, year, **context) == rating_findings(
        concerned, year, group_counts=count_by_group(ratings), **context
    )
