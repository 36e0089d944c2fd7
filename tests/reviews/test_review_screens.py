"""Every registered review has a back-office screen showing what the command prints."""

from datetime import date

import pytest
from django.urls import reverse

from dangbo.discipline.models import DisciplineCase
from dangbo.reviews.registry import REVIEWS


@pytest.fixture
def cases(person_a, person_b, tree):
    for code, person, unit in (
        ("KL-A", person_a, tree.commune_a),
        ("KL-B", person_b, tree.commune_b),
    ):
        DisciplineCase.objects.create(
            code=code,
            subject_kind="person",
            person=person,
            unit=unit,
            violation_date=date(2018, 3, 1),
            form="canh_cao",
            decided_date=date(2018, 6, 1),
            announced_date=date(2018, 6, 5),
        )


@pytest.mark.parametrize("name", sorted(set(REVIEWS) - {"tenure"}))
def test_each_review_screen_opens_with_a_form(as_user, office_district, name):
    response = as_user(office_district).get(reverse("reviews_review", args=[name]))
    assert response.status_code == 200


def test_discipline_screen_shows_the_cases_in_scope_only(as_user, office_a, cases):
    response = as_user(office_a).get(
        reverse("reviews_review", args=["discipline"]), {"as_of": "01/01/2019"}
    )
    body = response.content.decode()
    assert "KL-A" in body and "KL-B" not in body
    assert "69-QĐ/TW" in body


def test_a_bad_option_is_shown_on_the_form(as_user, office_a, cases):
    response = as_user(office_a).get(
        reverse("reviews_review", args=["supervision"]),
        {"period": "2019Q9", "as_of": "01/01/2019"},
    )
    assert response.context["form"].errors["period"]
    assert response.context["count"] == 0


def test_download(as_user, office_district, cases):
    response = as_user(office_district).get(
        reverse("reviews_review", args=["discipline"]), {"as_of": "01/01/2019", "export": "csv"}
    )
    text = response.content.decode("utf-8-sig")
    assert "KL-A" in text and "KL-B" in text


def test_unknown_review_is_404(as_user, office_district):
    response = as_user(office_district).get(reverse("reviews_review", args=["nothing"]))
    assert response.status_code == 404
