"""The back-office forms refuse what the columns cannot hold, as the import does: a field
error on the page, never a 500 (PostgreSQL refuses what SQLite silently stores)."""

import unicodedata

import pytest
from django.urls import reverse
from django.utils import translation

from dangbo.assessment.forms import AssessmentForm
from dangbo.people.models import Gender, Person
from dangbo.ratings.forms import RatingEditForm
from dangbo.rotation.forms import PlanEditForm, RotationForm
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def person_data(unit, **overrides):
    return {
        "code": "P-A2",
        "full_name": "Lê Thị Hoa",
        "gender": Gender.FEMALE,
        "birth_date": "17/05/1980",
        "unit": unit.pk,
        **overrides,
    }


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("A" * 420, "at most 255 characters (it has 420)"),
        ("Lê \u202eThị", "U+202E, character 4"),
        ("Lê\x1bThị", "U+001B"),
        ("Lê\x00Thị", "U+0000, character 3"),
    ],
    ids=["420-chars", "bidi-override", "escape", "nul"],
)
def test_person_form_refuses_a_name_the_column_cannot_hold(as_user, office_a, tree, name, message):
    response = as_user(office_a).post(
        reverse("person:add"), person_data(tree.commune_a, full_name=name)
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors["full_name"][0]
    assert not Person.objects.exists()


def test_person_form_stores_a_name_in_nfc(as_user, office_a, tree):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    response = as_user(office_a).post(
        reverse("person:add"), person_data(tree.commune_a, full_name=decomposed)
    )
    assert response.status_code == 302
    assert Person.objects.get().full_name == "Nguyễn Thị Hường"


@pytest.mark.parametrize("score", ["1e308", "150", "-1", "1000"])
def test_assessment_form_bounds_the_score(office_a, tree, score):
    form = AssessmentForm(
        data={"year": 2020, "unit": tree.commune_a.pk, "score": score}, for_user=office_a
    )
    assert not form.is_valid()
    assert "score" in form.errors


@pytest.mark.parametrize("score", ["1e308", "100.01", "-0.5"])
def test_rating_form_bounds_the_score(office_a, score):
    form = RatingEditForm(data={"group": "xa", "level": "tot", "score": score}, for_user=office_a)
    assert not form.is_valid()
    assert "score" in form.errors


@pytest.mark.parametrize(
    ("months", "valid"),
    [("99999999999999999999", False), ("40000", False), ("601", False), ("0", False)]
    + [("1", True), ("600", True)],
)
def test_rotation_form_bounds_the_planned_months(office_a, tree, months, valid):
    person = PersonFactory(unit=tree.commune_a)
    form = RotationForm(
        data={
            "code": "R-1",
            "person": person.pk,
            "to_unit": tree.commune_a.pk,
            "to_role": "head",
            "start_date": "01/01/2020",
            "planned_months": months,
        },
        for_user=office_a,
    )
    assert ("planned_months" not in form.errors) is valid, form.errors


@pytest.mark.parametrize("year", ["40000", "1899", "99999999999999999999"])
def test_plan_form_bounds_the_years(office_a, year):
    form = PlanEditForm(data={"name": "Kế hoạch", "start_year": year}, for_user=office_a)
    assert not form.is_valid()
    assert "start_year" in form.errors


def test_a_note_keeps_its_line_breaks_but_not_a_bidi_override(office_a):
    good = PlanEditForm(
        data={"name": "Kế hoạch", "evaluation": "Tốt.\r\n\tĐạt."}, for_user=office_a
    )
    bad = PlanEditForm(data={"name": "Kế hoạch", "evaluation": "Tốt\u2066."}, for_user=office_a)
    assert good.is_valid(), good.errors
    assert "evaluation" in bad.errors and "U+2066" in bad.errors["evaluation"][0]


def test_the_longest_code_and_name_of_a_unit_are_stored(tree):
    # Their fold (the unit's search text) is longer than its column: it is cut, not refused.
    unit = UnitFactory(code="X" * 64, name="Đ" * 255, parent=tree.commune_a)
    unit.refresh_from_db()
    assert len(unit.name) == 255 and unit.search_text.startswith("x" * 64 + " ddd")
