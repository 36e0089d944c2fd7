"""Decimals are written with a comma wherever a person reads them in Vietnamese."""

from decimal import Decimal

from django.urls import reverse

from dangbo.assessment import services as assessment_services
from dangbo.ratings import services
from tests.org.conftest import text


def test_a_ratings_score_and_its_history_use_a_comma(as_user, office_a, tree):
    rating = services.rating_record(
        actor=office_a, year=2025, unit=tree.branch_a, group="chi_bo", level="tot", score="85.5"
    )
    services.rating_update(
        actor=office_a, rating=rating, group="chi_bo", level="xuat_sac", score=Decimal("90.25")
    )
    client = as_user(office_a)
    page = text(client.get(reverse("rating:inspect", args=[rating.pk])))
    assert "90,25" in page and "90.25" not in page
    assert "85,50 → 90,25" in page  # the change history
    listing = text(client.get(reverse("rating:index")))
    assert "90,25" in listing and "90.25" not in listing
    quota = text(client.get(reverse("rating:inspect", args=[rating.pk])))
    assert "không quá 20% số xếp loại" in quota


def test_a_survey_score_uses_a_comma(as_user, office_a, tree):
    assessment = assessment_services.assessment_record(
        actor=office_a, year=2020, unit=tree.branch_a, score=Decimal("41.5")
    )
    page = text(as_user(office_a).get(reverse("assessment:inspect", args=[assessment.pk])))
    assert "<dd>41,5" in page and "41.5" not in page
