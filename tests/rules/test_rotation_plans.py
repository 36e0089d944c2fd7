"""A plan's years fit its kind; the key posts a rotation leads to (rules/rotation.py)."""

import pytest

from dangbo.rules.rotation import key_post, key_post_counts, plan_period_problems, plan_period_rule


@pytest.mark.parametrize(
    ("kind", "start", "end", "problems"),
    [
        ("annual", 2025, 2025, []),
        ("annual", 2025, 2026, ["annual_spans_years"]),
        ("term", 2016, 2020, []),
        ("term", 2020, 2025, []),
        ("term", 2016, 2018, ["term_not_five_years"]),
        ("term", 2016, 2022, ["term_not_five_years"]),
        ("term", 2020, 2016, ["ends_before_start"]),
        (None, 2016, 2030, []),
        (None, 2016, 2015, ["ends_before_start"]),
        ("term", 2016, None, []),
        ("annual", None, None, []),
    ],
)
def test_plan_years_fit_the_kind(kind, start, end, problems):
    assert plan_period_problems(kind, start, end) == problems


def test_the_plan_rule_names_its_regulation():
    assert "65-QĐ/TW" in plan_period_rule(2016)


@pytest.mark.parametrize(
    ("role", "title", "post"),
    [
        ("head", "Bí thư Đảng ủy xã", "party_secretary"),
        ("head", "", "party_secretary"),
        ("deputy", "Phó Bí thư, Chủ tịch UBND xã", "peoples_committee_chair"),
        ("deputy", "Chủ tịch Ủy ban nhân dân xã", "peoples_committee_chair"),
        ("deputy", "Phó Bí thư, Chủ tịch HĐND xã", "council_chair"),
        ("deputy", "Phó Bí thư Đảng ủy", "deputy_secretary"),
        ("member", "Ủy viên Ban Thường vụ", ""),
        ("deputy", None, ""),
    ],
)
def test_key_post(role, title, post):
    assert key_post(role, title) == post


def test_the_articles_counts():
    rotations = [("head", "Bí thư Đảng ủy xã")] * 3 + [
        ("deputy", "Phó Bí thư, Chủ tịch UBND xã")
    ] * 3
    assert key_post_counts(rotations) == {"party_secretary": 3, "peoples_committee_chair": 3}
    assert key_post_counts([("member", "")]) == {"": 1}
