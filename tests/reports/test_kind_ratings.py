"""The year's classification results (issue 10, `ratings`): the rating screens' population and
quota check, the classification review's findings, 2 excellent and 7 fulfilled among the
article's communes in 2018, scoped by the user."""

import pytest

from dangbo.accounts.models import User, UserRole
from dangbo.org.models import Unit, UnitKind
from dangbo.ratings.models import Rating
from dangbo.ratings.selectors import quota_check
from dangbo.reports.kinds.ratings import KIND
from dangbo.reviews.registry import REVIEWS
from tests.assessment.test_board import COMMUNES
from tests.factories import UnitFactory, UserFactory


def build(user, year, unit):
    return KIND.build(user=user, unit=unit, options={"year": year})


@pytest.mark.parametrize("year", [2016, 2018, 2019])
def test_the_counts_are_the_quota_checks_and_the_findings_the_reviews(demo, year):
    user = User.objects.get(username="btc.huyen")
    content = build(user, year, Unit.objects.get(code="BTC-HU"))
    lines = quota_check(user=user, year=year, unit=Unit.objects.get(code="HU-TK"))
    assert content.figures["rated"] == sum(line["total"] for line in lines) > 0
    assert len(content.tables) == len(lines)
    for table, line in zip(content.tables, lines, strict=True):
        assert len(list(table.rows)) == line["total"]
    review = REVIEWS["ratings"].run(user=user, options={"year": year})
    assert content.figures["findings"] == len(review)


def test_the_communes_of_2018_two_excellent(demo):
    user = User.objects.get(username="btv.huyen")
    content = build(user, 2018, Unit.objects.get(code="HU-TK"))
    assert content.figures["dang_bo_xa.unit.xuat_sac"] == 2
    assert content.figures["dang_bo_xa.unit.tot"] == 11
    assert content.figures["groups_over_quota"] == 0 and content.figures["findings"] == 0
    (communes,) = [t for t in content.tables if "Đảng bộ xã, thị trấn" in t.subtitle]
    rows = list(communes.rows)
    excellent = [r["subject"] for r in rows if r["level"] == "Hoàn thành xuất sắc nhiệm vụ"]
    assert rows[0]["subject"] in excellent  # best first
    assert sorted(excellent) == [
        "Đảng bộ xã Tân Xuân (X-TANXUAN)",
        "Đảng bộ xã Đồng Văn (X-DONGVAN)",
    ]
    fulfilled = [r["subject"] for r in rows if r["level"] == "Hoàn thành nhiệm vụ"]
    article = [r for r in fulfilled if any(c in r for c in COMMUNES)]
    assert len(article) == 7
    text = " ".join(i for s in content.sections[0].subsections for i in s.items)
    assert "Hoàn thành xuất sắc nhiệm vụ: 2" in text and "20%" in content.sections[1].paragraphs[0]


@pytest.fixture
def rated(tree):
    other = UnitFactory(code="X-KHAC", name="Đảng bộ xã Khác", parent=tree.district)
    for unit, level in ((tree.commune_a, "xuat_sac"), (tree.commune_b, "tot"), (other, "tot")):
        Rating.objects.create(
            year=2021, subject_kind="unit", unit=unit, group="dang_bo_xa", level=level
        )
    return other


def test_the_quota_is_counted_over_what_the_user_sees(tree, rated):
    district = UserFactory(unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    whole = build(district, 2021, tree.district)
    assert whole.figures["rated"] == 3 and whole.figures["groups_over_quota"] == 1
    assert (
        whole.figures["findings"]
        == len(REVIEWS["ratings"].run(user=district, options={"year": 2021}))
        == 1
    )
    assert any("Đảng bộ xã, thị trấn" in item for item in whole.sections[1].items)
    office_a = UserFactory(unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    own = build(office_a, 2021, tree.commune_a)
    assert own.figures["rated"] == 1 and own.figures["dang_bo_xa.unit.xuat_sac"] == 1
    (table,) = own.tables
    assert [r["subject"] for r in table.rows] == ["Đảng bộ xã Đồng Văn (X-DV)"]
    board = UnitFactory(
        code="BTC-T", name="Ban Tổ chức thử", kind=UnitKind.BOARD, parent=tree.district
    )
    assert build(district, 2021, board).figures["rated"] == 3  # a board issues for its committee
