""" "Kết quả thực hiện" (issue 10, `story`): the article's figures come out of the data (13 + 4
cadres over or near two terms, 6 = 3 + 3 rotated, 9 weak communes and 9 lead bodies, 2 and 7
in 2018, reports on time, no complaint), each the figure of the review or selector behind it,
and a user gets only their subtree."""

from collections import Counter
from datetime import date

import pytest

from dangbo.accounts.models import User, UserRole
from dangbo.assessment.models import Assessment, Assistance
from dangbo.org.models import Unit, UnitKind
from dangbo.ratings.models import Rating
from dangbo.reports.kinds.story import KIND
from dangbo.reviews.registry import REVIEWS
from dangbo.supervision.selectors import quarter_board
from tests.factories import PersonFactory, PositionFactory, UnitFactory, UserFactory

AS_OF = date(2019, 6, 30)  # the demo's tenure review date, the year of the article


def build(username, unit="BTC-HU", as_of=AS_OF):
    user = User.objects.get(username=username)
    options = {"as_of": as_of, "include_deputies": True}
    return user, KIND.build(user=user, unit=Unit.objects.get(code=unit), options=options)


def words(content) -> str:
    return " ".join(
        p for s in content.sections for sub in s.subsections for p in (*sub.paragraphs, *sub.items)
    )


def test_the_articles_figures_come_out_of_the_demo(demo):
    _, content = build("btc.huyen")
    f = content.figures
    assert (f["tenure_over"], f["tenure_approaching"]) == (13, 4)
    assert (f["rotated_cadres"], f["rotated_to_party_secretary"], f["rotated_to_chair"]) == (
        6,
        3,
        3,
    )
    assert (f["survey_year"], f["weak_units"], f["lead_bodies"]) == (2016, 9, 9)
    assert (f["rating_year"], f["weak_rated_xuat_sac"], f["weak_rated_hoan_thanh"]) == (2018, 2, 7)
    assert f["discipline_decisions"] > 0 and f["discipline_complaints"] == 0
    assert f["supervision_on_time"] > 0
    text = words(content)
    for figure in (
        "13 cán bộ giữ chức vụ trên 2 nhiệm kỳ",
        "6 cán bộ",
        "3 đồng chí làm bí thư đảng ủy, 3 đồng chí làm chủ tịch UBND",
        "xác định 9 đơn vị",
        "2 đơn vị “Hoàn thành xuất sắc nhiệm vụ”",
        "7 đơn vị “Hoàn thành nhiệm vụ”",
        "không có trường hợp nào khiếu nại",
    ):
        assert figure in text, figure
    (annex,) = content.tables
    rows = list(annex.rows)
    assert len(rows) == 9
    assert {r["unit"] for r in rows if r["rating"] == "Hoàn thành xuất sắc nhiệm vụ"} == {
        "Đảng bộ xã Đồng Văn",
        "Đảng bộ xã Tân Xuân",
    }


def test_each_figure_is_its_reviews(demo):
    user, content = build("btv.huyen", unit="HU-TK")
    f = content.figures
    tenure = REVIEWS["tenure"].run(user=user, options={"as_of": AS_OF, "include_deputies": True})
    statuses = Counter(r["status"] for r in tenure)
    assert (f["tenure_over"], f["tenure_approaching"]) == (
        statuses["over"],
        statuses["approaching"],
    )
    board = quarter_board(
        user=user, period="2019Q2", unit=Unit.objects.get(code="HU-TK"), as_of=AS_OF
    )
    assert f["supervision_on_time"] == board.stage_total.on_time
    assert f["supervision_late"] == board.stage_total.late
    assert f["supervision_missing"] == board.stage_total.missing
    cases = REVIEWS["discipline"].run(user=user, options={"as_of": AS_OF})
    assert f["discipline_decisions"] == len(cases)  # every decision of the stage by then


def test_a_commune_secretary_gets_their_commune_only(demo):
    _, content = build("bithu.dongvan", unit="X-DONGVAN")
    f = content.figures
    assert f["weak_units"] == 1 and f["weak_rated_xuat_sac"] == 1
    assert f["rotated_cadres"] == 0  # the district's plan is not theirs to read
    assert [r["unit"] for r in content.tables[0].rows] == ["Đảng bộ xã Đồng Văn"]


@pytest.fixture
def small(tree):
    body = UnitFactory(
        code="BTC-T", name="Ban Tổ chức thử", kind=UnitKind.BOARD, parent=tree.district
    )
    for commune, level in ((tree.commune_a, "xuat_sac"), (tree.commune_b, "hoan_thanh")):
        Assessment.objects.create(year=2020, unit=commune, score=40, level="weak")
        Assistance.objects.create(
            unit=commune, helper=body, role="lead", start_date=date(2021, 1, 4)
        )
        Rating.objects.create(
            year=2021, subject_kind="unit", unit=commune, group="dang_bo_xa", level=level
        )
        PositionFactory(person=PersonFactory(unit=commune), start_date=date(2012, 1, 1))
    return body


def test_on_a_small_tree_each_office_gets_its_subtree(tree, small):
    options = {"as_of": date(2022, 6, 30), "include_deputies": False}
    district = UserFactory(unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    whole = KIND.build(user=district, unit=small, options=options).figures
    assert (whole["weak_units"], whole["lead_bodies"], whole["tenure_over"]) == (2, 1, 2)
    assert (whole["weak_rated_xuat_sac"], whole["weak_rated_hoan_thanh"]) == (1, 1)
    office_a = UserFactory(unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    own = KIND.build(user=office_a, unit=tree.commune_a, options=options).figures
    assert (own["weak_units"], own["tenure_over"], own["weak_rated_xuat_sac"]) == (1, 1, 1)
    assert own["weak_rated_hoan_thanh"] == 0


def test_without_the_option_the_settings_say_whether_deputies_are_reviewed(demo):
    user = User.objects.get(username="btc.huyen")
    unit = Unit.objects.get(code="HU-TK")
    settled = KIND.build(user=user, unit=unit, options={"as_of": AS_OF}).figures
    assert settled["include_deputies"] is True  # the Tân Kỳ demo turns the setting on
    assert settled["tenure_over"] == 13
    heads_only = KIND.build(
        user=user, unit=unit, options={"as_of": AS_OF, "include_deputies": False}
    ).figures
    review = REVIEWS["tenure"].run(user=user, options={"as_of": AS_OF, "include_deputies": False})
    assert heads_only["tenure_over"] == sum(1 for r in review if r["status"] == "over") < 13
