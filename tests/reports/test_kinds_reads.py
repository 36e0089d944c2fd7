"""What the five kinds of this part of issue 10 declare to the engine: their names, types,
options and the records they read; and a login that sees nothing gets a document of nothing."""

from datetime import date

import pytest
from django.apps import apps

from dangbo.accounts.models import User
from dangbo.org.models import Unit
from dangbo.reports.kinds import (
    assistance_decision,
    ratings,
    rotation_plan,
    story,
    supervision_quarter,
)
from dangbo.reviews.options import OPTIONS
from tests.factories import UserFactory

KINDS = {
    "rotation-plan": (rotation_plan.KIND, "KH"),
    "assistance-decision": (assistance_decision.KIND, "QĐ"),
    "supervision-quarter": (supervision_quarter.KIND, "BC"),
    "ratings": (ratings.KIND, "BC"),
    "story": (story.KIND, "BC"),
}
OPTIONS_GIVEN = {
    "year": 2018,
    "period": "2018Q4",
    "as_of": date(2019, 6, 30),
    "include_deputies": True,
    "plan": "KH-LC-2016-2020",
}


@pytest.mark.parametrize("name", KINDS)
def test_each_kind_declares_its_name_options_and_reads(name):
    kind, doc_type = KINDS[name]
    assert kind.name == name and kind.doc_type == doc_type
    assert all(option in OPTIONS for option in kind.options)
    assert kind.reads and all(apps.get_model(label) for label in kind.reads)
    assert str(kind.title) and str(kind.title) != name


@pytest.mark.parametrize("name", [n for n in KINDS if n != "rotation-plan"])
def test_a_login_without_any_unit_gets_no_figure(demo, name):
    kind, _ = KINDS[name]
    nobody = UserFactory(unit=None)
    content = kind.build(user=nobody, unit=None, options=OPTIONS_GIVEN)
    counted = [
        value
        for key, value in content.figures.items()
        if type(value) is int and key not in ("year", "rating_year")  # counts, not options
    ]
    assert counted and not any(counted), content.figures
    assert all(not list(t.rows) for t in content.tables)


def test_a_login_without_any_unit_finds_no_plan(demo):
    with pytest.raises(rotation_plan.PlanNotFound):
        rotation_plan.KIND.build(user=UserFactory(unit=None), unit=None, options=OPTIONS_GIVEN)


@pytest.mark.parametrize(
    ("name", "year", "most"),
    [
        ("rotation-plan", 2018, 12),
        ("assistance-decision", 2016, 14),
        ("supervision-quarter", 2018, 14),
        ("ratings", 2018, 20),
        ("story", 2018, 40),
    ],
)
def test_a_kind_reads_in_a_fixed_number_of_queries(
    demo, django_assert_max_num_queries, name, year, most
):
    kind, _ = KINDS[name]
    user, unit = User.objects.get(username="btc.huyen"), Unit.objects.get(code="BTC-HU")
    with django_assert_max_num_queries(most):
        content = kind.build(user=user, unit=unit, options={**OPTIONS_GIVEN, "year": year})
        rows = sum(len(list(t.rows)) for t in content.tables)
    assert rows > 0
