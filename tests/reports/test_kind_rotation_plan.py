"""The rotation plan document (issue 10, `rotation-plan`): its counts are the plan page's, the
demo plan sends 6 cadres (3 secretaries, 3 chairs), and a user gets only what they see."""

from datetime import date

import pytest

from dangbo.accounts.models import User, UserRole
from dangbo.org.models import Unit
from dangbo.reports.kinds.rotation_plan import KIND, PlanNotFound
from dangbo.rotation.models import Rotation, RotationPlan
from dangbo.rotation.selectors import plan_summary
from tests.factories import PersonFactory, UserFactory

PLAN = "KH-LC-2016-2020"


def build(username, plan=PLAN, unit="BTC-HU"):
    user = User.objects.get(username=username)
    return KIND.build(user=user, unit=Unit.objects.get(code=unit), options={"plan": plan})


def test_the_demo_plan_sends_six_cadres_three_secretaries_three_chairs(demo):
    content = build("btc.huyen")
    assert content.kind == "rotation-plan" and content.doc_type == "KH"
    assert content.figures["cadres"] == 6 and content.figures["rotations"] == 6
    assert content.figures["to_party_secretary"] == 3
    assert content.figures["to_peoples_committee_chair"] == 3
    assert content.subject.startswith("luân chuyển cán bộ lãnh đạo, quản lý nhiệm kỳ 2016")
    body = " ".join(p for s in content.sections for p in (*s.paragraphs, *s.items))
    assert "6" in body and "3 bí thư đảng ủy" in body and "3 chủ tịch UBND" in body
    (annex,) = content.tables
    rows = list(annex.rows)
    assert len(rows) == 6
    assert {r["cadre"].rsplit("(", 1)[1].rstrip(")") for r in rows} == {
        "P0037",
        "P0038",
        "P0039",
        "P0040",
        "P0041",
        "P0042",
    }
    first = next(r for r in rows if "P0037" in r["cadre"])
    assert first["start"] == "01/07/2017" and "Đảng bộ xã Tiên Kỳ" in first["to_post"]
    assert "Ban Tổ chức Huyện ủy" in first["from_post"]


def test_the_figures_are_the_plan_pages(demo):
    user = User.objects.get(username="btv.huyen")
    plan = RotationPlan.objects.get(code=PLAN)
    summary = plan_summary(user=user, plan=plan)
    content = KIND.build(user=user, unit=plan.unit, options={"plan": str(plan.pk)})
    assert content.figures["cadres"] == summary["cadres"]
    assert content.figures["rotations"] == len(summary["rotations"])
    assert content.figures["under_way"] == summary["under_way"]


def test_a_commune_secretary_cannot_make_the_districts_plan(demo):
    with pytest.raises(PlanNotFound):
        build("bithu.dongvan", unit="X-DONGVAN")


@pytest.fixture
def small_plan(tree):
    plan = RotationPlan.objects.create(
        code="KH-A",
        name="Kế hoạch luân chuyển cán bộ xã A năm 2019",
        kind="annual",
        unit=tree.commune_a,
        start_year=2019,
        end_year=2019,
    )
    for code, to_unit, role, title in (
        ("LC-A1", tree.commune_a, "head", "Bí thư Đảng ủy xã"),
        ("LC-B1", tree.commune_b, "deputy", "Phó Bí thư, Chủ tịch UBND xã"),
    ):
        Rotation.objects.create(
            code=code,
            person=PersonFactory(unit=tree.district),
            plan=plan,
            from_unit=tree.district,
            from_role="deputy",
            to_unit=to_unit,
            to_role=role,
            to_title=title,
            start_date=date(2019, 3, 1),
            planned_months=36,
        )
    return plan


def test_each_user_gets_the_rotations_of_their_subtree_only(tree, small_plan):
    district = UserFactory(unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    office_a = UserFactory(unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    whole = KIND.build(user=district, unit=tree.district, options={"plan": "KH-A"})
    assert whole.figures["to_party_secretary"] == 1
    assert whole.figures["to_peoples_committee_chair"] == 1
    assert len(list(whole.tables[0].rows)) == 2
    own = KIND.build(user=office_a, unit=tree.commune_a, options={"plan": "KH-A"})
    assert own.figures["cadres"] == 1 and "to_peoples_committee_chair" not in own.figures
    (row,) = own.tables[0].rows
    assert "Đảng bộ xã Đồng Văn" in row["to_post"]
    office_b = UserFactory(unit=tree.commune_b, role=UserRole.ORGANIZATION_OFFICE)
    with pytest.raises(PlanNotFound):
        KIND.build(user=office_b, unit=tree.commune_b, options={"plan": "KH-A"})


def test_an_unknown_plan_is_bad_input_on_the_plan_option(tree):
    district = UserFactory(unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    with pytest.raises(PlanNotFound) as error:
        KIND.build(user=district, unit=tree.district, options={"plan": "KH-NONE"})
    (problem,) = error.value.problems
    assert problem.field == "plan" and "KH-NONE" in problem.message


def test_the_plan_option_is_a_flag_and_a_field():
    import argparse

    from dangbo.reports.kinds.rotation_plan import EXTRA_OPTIONS

    option = EXTRA_OPTIONS["plan"]
    parser = argparse.ArgumentParser()
    option.add(parser, option.flag)
    assert parser.parse_args(["--plan", PLAN]).plan == PLAN
    field = option.field()
    assert field.clean(" KH-A ") == "KH-A" and str(field.label) == "Kế hoạch luân chuyển"
