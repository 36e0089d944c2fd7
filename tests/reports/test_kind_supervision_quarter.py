"""The quarter's supervision report (issue 10, `supervision-quarter`): the quarter board's and
the supervision review's statuses, due on the 25th of the quarter's last month, scoped."""

from collections import Counter
from datetime import date

import pytest

from dangbo.accounts.models import User, UserRole
from dangbo.core.errors import InputError
from dangbo.org.models import Unit
from dangbo.reports.kinds.supervision_quarter import KIND
from dangbo.reviews.registry import REVIEWS
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport
from tests.factories import PersonFactory, UserFactory

END_OF_SCHEME = date(2021, 1, 31)


def build(username, period, as_of=END_OF_SCHEME, unit="BTC-HU"):
    user = User.objects.get(username=username)
    options = {"period": period, "as_of": as_of}
    return user, KIND.build(user=user, unit=Unit.objects.get(code=unit), options=options)


@pytest.mark.parametrize("period", ["2016Q1", "2018Q4", "2019Q3", "2020Q2"])
def test_the_counts_are_the_supervision_reviews(demo, period):
    user, content = build("btc.huyen", period)
    review = REVIEWS["supervision"].run(
        user=user, options={"period": period, "as_of": END_OF_SCHEME}
    )
    counted = Counter(r["status"] for r in review)
    assert content.figures["required"] == len(review)
    for status in ("on_time", "late", "missing", "not_due"):
        assert content.figures[status] == counted[status], status
    rows = list(content.tables[0].rows)
    assert {r["member"].rsplit("(", 1)[1].rstrip(")") for r in rows} == {
        r["person_code"] for r in review
    }


def test_the_scheme_of_2016_2020_on_the_demo(demo):
    _, content = build("btv.huyen", "2018Q4")
    assert content.figures["due"] == "25/12/2018"
    assert content.figures["stage_required"] == 212
    assert content.figures["stage_on_time"] == 203
    assert content.figures["stage_late"] == 7 and content.figures["stage_missing"] == 2
    body = " ".join(
        p for s in content.sections for sub in (s, *s.subsections) for p in sub.paragraphs
    )
    assert "25/12/2018" in body and "quý 4/2018" in body and "2016–2020" in body
    late_or_missing = content.sections[0].subsections[0]
    assert content.figures["missing"] == 1 and len(late_or_missing.items) == 1
    assert "chưa nộp" in late_or_missing.items[0]


def test_before_the_due_day_nothing_is_missing(demo):
    _, content = build("btc.huyen", "2016Q1", as_of=date(2016, 3, 20))
    figures = content.figures
    assert figures["not_due"] > 0 and figures["not_due"] + figures["on_time"] == figures["required"]
    assert content.figures["missing"] == content.figures["late"] == 0


@pytest.fixture
def two_members(tree):
    first = PersonFactory(full_name="Lê Văn Một", unit=tree.commune_a)
    second = PersonFactory(full_name="Lê Văn Hai", unit=tree.commune_b)
    for person, commune, filed in ((first, tree.commune_a, 20), (second, tree.commune_b, 28)):
        SupervisionAssignment.objects.create(
            person=person, unit=commune, field="Xây dựng Đảng", start_date=date(2019, 1, 1)
        )
        SupervisionReport.objects.create(
            person=person, period="2019Q3", submitted_date=date(2019, 9, filed)
        )
    return first, second


def test_a_commune_gets_its_own_member_only(tree, two_members):
    district = UserFactory(unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    options = {"period": "2019Q3", "as_of": date(2019, 10, 15)}
    whole = KIND.build(user=district, unit=tree.district, options=options)
    assert (whole.figures["required"], whole.figures["on_time"], whole.figures["late"]) == (
        2,
        1,
        1,
    )
    late = whole.sections[0].subsections[0].items
    assert len(late) == 1 and "Lê Văn Hai" in late[0] and "28/09/2019" in late[0]
    office_a = UserFactory(unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    own = KIND.build(user=office_a, unit=tree.commune_a, options=options)
    assert own.figures["required"] == 1 and own.figures["on_time"] == 1
    (row,) = own.tables[0].rows
    assert "Lê Văn Một" in row["member"] and row["status"] == "Đúng hạn"
    narrowed = KIND.build(user=district, unit=tree.commune_b, options=options)
    assert [r["area"] for r in narrowed.tables[1].rows] == [tree.commune_b.name]


def test_the_quarter_may_be_given_as_quarter_and_each_area_is_counted(demo):
    user = User.objects.get(username="btc.huyen")
    unit = Unit.objects.get(code="HU-TK")
    by_period = KIND.build(
        user=user, unit=unit, options={"period": "2018q4", "as_of": END_OF_SCHEME}
    )
    by_quarter = KIND.build(
        user=user, unit=unit, options={"quarter": "2018Q4", "as_of": END_OF_SCHEME}
    )
    assert by_period.figures == by_quarter.figures
    assert by_period.figures["area.X-TANHUONG.missing"] == 1
    areas = list(by_period.tables[1].rows)
    assert len(areas) == by_period.figures["areas"]
    assert sum(int(r["on_time"]) for r in areas) == by_period.figures["on_time"]


def test_a_quarter_that_is_not_one_is_bad_input(tree):
    district = UserFactory(unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    with pytest.raises(InputError) as error:
        KIND.build(user=district, unit=tree.district, options={"period": "2019Q5"})
    (problem,) = error.value.problems
    assert problem.field == "period" and "YYYYQn" in problem.message
