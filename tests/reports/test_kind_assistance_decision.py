"""The decision assigning help to weak units (issue 10, `assistance-decision`): the weak-units
board's units and bodies, the article's 9 communes and 9 lead bodies on the demo, scoped."""

from datetime import date

import pytest

from dangbo.accounts.models import User, UserRole
from dangbo.assessment.models import Assessment, Assistance
from dangbo.assessment.selectors import weak_unit_board
from dangbo.org.models import Unit, UnitKind
from dangbo.reports.kinds.assistance_decision import KIND
from tests.assessment.test_board import BODIES, COMMUNES
from tests.factories import UnitFactory, UserFactory


def test_the_demo_decision_names_the_nine_communes_and_their_lead_bodies(demo):
    user = User.objects.get(username="btc.huyen")
    content = KIND.build(user=user, unit=Unit.objects.get(code="BTC-HU"), options={"year": 2016})
    assert content.doc_type == "QĐ" and content.kind == "assistance-decision"
    assert content.figures["weak_units"] == 9 and content.figures["lead_bodies"] == 9
    assert content.figures["with_one_lead"] == 9 and content.figures["findings"] == 0
    rows = list(content.tables[0].rows)
    assert len(rows) == 9
    assert all(any(c in r["unit"] for r in rows) for c in COMMUNES)
    assert all(any(b in r["lead"] for r in rows) for b in BODIES)
    assert all(r["support"] and r["period"] == "05/01/2017 – 31/12/2020" for r in rows)
    headings = [s.heading for s in content.sections]
    assert headings[-3:] == ["Điều 1.", "Điều 2.", "Điều 3."]
    article_1 = content.sections[-3]
    assert len(article_1.items) == 9 and "9" in article_1.paragraphs[0]
    assert "31/03/2017" in " ".join(content.sections[-2].paragraphs)


def test_the_figures_are_the_boards(demo):
    user = User.objects.get(username="btv.huyen")
    cards = weak_unit_board(user=user, year=2016)
    content = KIND.build(user=user, unit=Unit.objects.get(code="HU-TK"), options={"year": 2016})
    assert content.figures["weak_units"] == len(cards)
    assert [r["unit"] for r in content.tables[0].rows] == [c.unit.name for c in cards]


def test_a_year_without_weak_units_decides_nothing(demo):
    user = User.objects.get(username="btc.huyen")
    content = KIND.build(user=user, unit=Unit.objects.get(code="HU-TK"), options={"year": 2019})
    assert content.figures["weak_units"] == 0 and list(content.tables[0].rows) == []


@pytest.fixture
def weak_two(tree):
    body = UnitFactory(
        code="BTC-T", name="Ban Tổ chức thử", kind=UnitKind.BOARD, parent=tree.district
    )
    for commune, score in ((tree.commune_a, 30), (tree.commune_b, 45)):
        Assessment.objects.create(year=2020, unit=commune, score=score, level="weak")
        Assistance.objects.create(
            unit=commune, helper=body, role="lead", start_date=date(2021, 1, 4)
        )
    return body


def test_a_commune_office_decides_for_its_own_commune_only(tree, weak_two):
    district = UserFactory(unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    whole = KIND.build(user=district, unit=weak_two, options={"year": 2020})  # a board issues
    assert whole.figures["weak_units"] == 2 and whole.figures["lead_bodies"] == 1
    office_a = UserFactory(unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    own = KIND.build(user=office_a, unit=tree.commune_a, options={"year": 2020})
    assert own.figures["weak_units"] == 1
    (row,) = own.tables[0].rows
    assert row["unit"] == tree.commune_a.name and row["score"] == "30"
    assert row["period"] == "04/01/2021"
    # the district office issuing for one commune: that commune's subtree only
    narrowed = KIND.build(user=district, unit=tree.commune_b, options={"year": 2020})
    assert [r["unit"] for r in narrowed.tables[0].rows] == [tree.commune_b.name]
