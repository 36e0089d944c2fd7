"""Classification screens: scoped ratings; rounds approved by the standing committee only."""

from datetime import date

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.ratings.models import Rating, RatingRound, RoundStatus
from tests.factories import UnitFactory, UserFactory
from tests.org.conftest import refused, text


@pytest.fixture
def standing_a(tree):
    return UserFactory(username="btv_a", unit=tree.commune_a, role=UserRole.STANDING_COMMITTEE)


@pytest.fixture
def rating_b(tree):
    return Rating.objects.create(
        year=2019, subject_kind="unit", unit=tree.commune_b, group="xã", level="tot"
    )


@pytest.fixture
def round_b(tree):
    return RatingRound.objects.create(year=2019, unit=tree.commune_b)


@pytest.fixture
def over_quota(tree):
    """Commune A's branches: 2 excellent beside 1 good — over the 20% quota."""
    for i, level in enumerate(["xuat_sac", "xuat_sac", "tot"]):
        unit = UnitFactory(code=f"CB-{i}", parent=tree.commune_a)
        Rating.objects.create(
            year=2019, subject_kind="unit", unit=unit, group="chi bộ", level=level
        )


# --- another commune's records are out of reach ---------------------------------------------


def test_lists_leave_out_another_commune(as_user, office_a, rating_b, round_b):
    client = as_user(office_a)
    assert list(client.get(reverse("rating:index")).context["object_list"]) == []
    assert list(client.get(reverse("rating_round:index")).context["object_list"]) == []


@pytest.mark.parametrize("view", ["inspect", "history", "edit"])
def test_guessing_another_communes_rating_url_is_not_found(as_user, office_a, rating_b, view):
    assert as_user(office_a).get(reverse(f"rating:{view}", args=[rating_b.pk])).status_code == 404


@pytest.mark.parametrize("view", ["inspect", "history", "approve"])
def test_guessing_another_communes_round_url_is_not_found(as_user, standing_a, round_b, view):
    url = reverse(f"rating_round:{view}", args=[round_b.pk])
    assert as_user(standing_a).get(url).status_code == 404


def test_posting_to_another_communes_round_changes_nothing(as_user, standing_a, tree, round_b):
    client = as_user(standing_a)
    approve = client.post(reverse("rating_round:approve", args=[round_b.pk]), {})
    add = client.post(reverse("rating_round:add"), {"year": "2019", "unit": tree.commune_b.pk})
    assert approve.status_code == 404 and add.status_code == 200  # not a choice offered
    round_b.refresh_from_db()
    assert round_b.status == RoundStatus.DRAFT and RatingRound.objects.count() == 1
    assert not ModelLogEntry.objects.exists()


def test_nothing_is_deleted_and_rounds_are_not_edited():
    for name in ["rating:delete", "rating_round:edit", "rating_round:delete"]:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


def test_posting_an_edit_to_another_communes_rating_changes_nothing(as_user, office_a, rating_b):
    url = reverse("rating:edit", args=[rating_b.pk])
    response = as_user(office_a).post(url, {"group": "xã", "level": "xuat_sac"})
    assert response.status_code == 404
    rating_b.refresh_from_db()
    assert rating_b.level == "tot"


def test_a_rating_is_corrected_until_its_year_is_approved(as_user, office_a, standing_a, tree):
    rating = Rating.objects.create(
        year=2019, subject_kind="unit", unit=tree.branch_a, group="chi bộ", level="tot"
    )
    client = as_user(office_a)
    url = reverse("rating:edit", args=[rating.pk])
    opened = audit.fingerprint(rating)
    edit = {"group": "chi bộ", "level": "hoan_thanh", "record_version": opened}
    assert client.post(url, edit).status_code == 302
    rating.refresh_from_db()
    assert rating.level == "hoan_thanh"
    assert ModelLogEntry.objects.filter(object_id=str(rating.pk), action="dangbo.update").exists()
    RatingRound.objects.create(year=2019, unit=tree.commune_a, status=RoundStatus.APPROVED)
    edit = {"group": "chi bộ", "level": "tot", "record_version": audit.fingerprint(rating)}
    response = client.post(url, edit)
    assert response.status_code == 200
    rating.refresh_from_db()
    assert rating.level == "hoan_thanh"


def test_readers_cannot_rate_or_approve(as_user, secretary_a, office_a, tree):
    round_a = RatingRound.objects.create(year=2019, unit=tree.commune_a)
    client = as_user(secretary_a)
    assert refused(client.get(reverse("rating:add")))
    assert refused(client.get(reverse("rating_round:add")))
    # The office keeps the ratings but does not approve them.
    office = as_user(office_a)
    assert refused(office.get(reverse("rating_round:add")))
    assert refused(office.get(reverse("rating_round:approve", args=[round_a.pk])))
    page = text(office.get(reverse("rating_round:inspect", args=[round_a.pk])))
    assert reverse("rating_round:approve", args=[round_a.pk]) not in page
    office.post(reverse("rating_round:approve", args=[round_a.pk]), {"override_reason": "x"})
    round_a.refresh_from_db()
    assert round_a.status == RoundStatus.DRAFT


# --- rating and approving -------------------------------------------------------------------


def test_office_rates_a_person_and_a_unit(as_user, office_a, tree, person_a):
    client = as_user(office_a)
    for data in [
        {"year": "2019", "person": person_a.pk, "group": "bí thư", "level": "tot"},
        {"year": "2019", "unit": tree.branch_a.pk, "group": "chi bộ", "level": "hoan_thanh"},
    ]:
        response = client.post(reverse("rating:add"), data)
        assert response.status_code == 302
    person_rating = Rating.objects.get(person=person_a)
    assert person_rating.subject_kind == "person" and person_rating.unit == tree.commune_a
    again = client.post(
        reverse("rating:add"),
        {"year": "2019", "person": person_a.pk, "group": "bí thư", "level": "tot"},
    )
    assert again.status_code == 200 and Rating.objects.count() == 2


def test_round_over_quota_is_refused_without_a_reason(as_user, standing_a, tree, over_quota):
    response = as_user(standing_a).post(
        reverse("rating_round:add"), {"year": "2019", "unit": tree.commune_a.pk}
    )
    assert "trong nhóm: chi bộ" in str(response.context["form"].errors["override_reason"])
    assert "quota_exceeded" in text(response)  # the findings are shown above the form
    assert not RatingRound.objects.exists()


def test_standing_committee_approves_with_a_reason_shown_beside_the_finding(
    as_user, standing_a, tree, over_quota
):
    client = as_user(standing_a)
    response = client.post(
        reverse("rating_round:add"),
        {"year": "2019", "unit": tree.commune_a.pk, "override_reason": "Thành tích đột xuất"},
    )
    round_a = RatingRound.objects.get()
    assert response["Location"] == reverse("rating_round:inspect", args=[round_a.pk])
    assert round_a.status == RoundStatus.APPROVED and round_a.override_by == standing_a
    page = text(client.get(response["Location"]))
    assert "quota_exceeded" in page and "Thành tích đột xuất" in page and "btv_a" in page
    # An approved year is closed to new ratings.
    office = UserFactory(username="o", unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    closed = as_user(office).post(
        reverse("rating:add"),
        {"year": "2019", "unit": tree.branch_a.pk, "group": "chi bộ", "level": "tot"},
    )
    assert "Kết quả xếp loại năm này đã được phê duyệt" in text(closed)


def test_a_draft_round_is_approved_from_its_page(as_user, standing_a, tree, over_quota):
    round_a = RatingRound.objects.create(year=2019, unit=tree.commune_a)
    client = as_user(standing_a)
    page = text(client.get(reverse("rating_round:inspect", args=[round_a.pk])))
    assert reverse("rating_round:approve", args=[round_a.pk]) in page
    refused_ = client.post(reverse("rating_round:approve", args=[round_a.pk]), {})
    assert "trong nhóm: chi bộ" in str(refused_.context["form"].errors["override_reason"])
    round_a.refresh_from_db()
    assert round_a.status == RoundStatus.DRAFT
    client.post(reverse("rating_round:approve", args=[round_a.pk]), {"override_reason": "Đặc biệt"})
    round_a.refresh_from_db()
    assert round_a.status == RoundStatus.APPROVED and round_a.override_reason == "Đặc biệt"
    assert round_a.approved_at.date() <= date.today()


def test_a_rating_shows_the_findings_of_its_group(as_user, office_a, tree, over_quota):
    rating = Rating.objects.filter(level="xuat_sac").first()
    page = text(as_user(office_a).get(reverse("rating:inspect", args=[rating.pk])))
    assert "quota_exceeded" in page and "124-QĐ/TW" in page
