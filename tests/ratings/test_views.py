"""Classification screens: scoped ratings; rounds submitted by the office, approved or sent
back by the standing committee only."""

from datetime import date

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.ratings.models import Rating, RatingGroup, RatingRound, RoundStatus
from tests.factories import UnitFactory, UserFactory
from tests.org.conftest import refused, text


@pytest.fixture
def standing_a(tree):
    return UserFactory(username="btv_a", unit=tree.commune_a, role=UserRole.STANDING_COMMITTEE)


@pytest.fixture
def rating_b(tree):
    return Rating.objects.create(
        year=2019, subject_kind="unit", unit=tree.commune_b, group="dang_bo_xa", level="tot"
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
            year=2019, subject_kind="unit", unit=unit, group="chi_bo", level=level
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


@pytest.mark.parametrize("step", ["submit", "approve", "send_back"])
def test_posting_a_step_to_another_communes_round_changes_nothing(
    as_user, standing_a, office_a, tree, round_b, step
):
    url = reverse(f"rating_round:{step}", args=[round_b.pk])
    for user in (standing_a, office_a):
        assert as_user(user).post(url, {"record_version": "x", "reason": "x"}).status_code == 404
    add = as_user(office_a).post(
        reverse("rating_round:add"), {"year": "2019", "unit": tree.commune_b.pk}
    )
    assert add.status_code == 200  # not a choice offered
    round_b.refresh_from_db()
    assert round_b.status == RoundStatus.DRAFT and RatingRound.objects.count() == 1
    assert not ModelLogEntry.objects.exists()


def test_nothing_is_deleted_and_rounds_are_not_edited():
    for name in ["rating:delete", "rating_round:edit", "rating_round:delete"]:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


def test_posting_an_edit_to_another_communes_rating_changes_nothing(as_user, office_a, rating_b):
    url = reverse("rating:edit", args=[rating_b.pk])
    response = as_user(office_a).post(url, {"group": "dang_bo_xa", "level": "xuat_sac"})
    assert response.status_code == 404
    rating_b.refresh_from_db()
    assert rating_b.level == "tot"


def test_a_rating_is_corrected_until_its_year_is_approved(as_user, office_a, standing_a, tree):
    rating = Rating.objects.create(
        year=2019, subject_kind="unit", unit=tree.branch_a, group="chi_bo", level="tot"
    )
    client = as_user(office_a)
    url = reverse("rating:edit", args=[rating.pk])
    opened = audit.fingerprint(rating)
    edit = {"group": "chi_bo", "level": "hoan_thanh", "record_version": opened}
    assert client.post(url, edit).status_code == 302
    rating.refresh_from_db()
    assert rating.level == "hoan_thanh"
    assert ModelLogEntry.objects.filter(object_id=str(rating.pk), action="dangbo.update").exists()
    RatingRound.objects.create(year=2019, unit=tree.commune_a, status=RoundStatus.APPROVED)
    edit = {"group": "chi_bo", "level": "tot", "record_version": audit.fingerprint(rating)}
    response = client.post(url, edit)
    assert response.status_code == 200
    rating.refresh_from_db()
    assert rating.level == "hoan_thanh"


# --- rating and approving -------------------------------------------------------------------


def test_office_rates_a_person_and_a_unit(as_user, office_a, tree, person_a):
    client = as_user(office_a)
    for data in [
        {"year": "2019", "person": person_a.pk, "group": "can_bo_xa", "level": "tot"},
        {"year": "2019", "unit": tree.branch_a.pk, "group": "chi_bo", "level": "hoan_thanh"},
    ]:
        response = client.post(reverse("rating:add"), data)
        assert response.status_code == 302
    person_rating = Rating.objects.get(person=person_a)
    assert person_rating.subject_kind == "person" and person_rating.unit == tree.commune_a
    again = client.post(
        reverse("rating:add"),
        {"year": "2019", "person": person_a.pk, "group": "can_bo_xa", "level": "tot"},
    )
    assert again.status_code == 200 and Rating.objects.count() == 2


def test_a_rating_shows_the_findings_of_its_group(as_user, office_a, tree, over_quota):
    rating = Rating.objects.filter(level="xuat_sac").first()
    page = text(as_user(office_a).get(reverse("rating:inspect", args=[rating.pk])))
    assert "quota_exceeded" in page and "124-QĐ/TW" in page
    assert "Chi bộ trực thuộc" in page and "tối đa 0" in page


# --- the stages of a round ------------------------------------------------------------------


def step(client, name, round_, **data):
    round_.refresh_from_db()
    return client.post(
        reverse(f"rating_round:{name}", args=[round_.pk]),
        {"record_version": audit.fingerprint(round_), **data},
    )


def test_readers_cannot_open_submit_or_approve(as_user, secretary_a, office_a, standing_a, tree):
    round_a = RatingRound.objects.create(year=2019, unit=tree.commune_a)
    client = as_user(secretary_a)
    assert refused(client.get(reverse("rating:add")))
    assert refused(client.get(reverse("rating_round:add")))
    for name in ("submit", "approve", "send_back"):
        assert refused(client.get(reverse(f"rating_round:{name}", args=[round_a.pk])))
    # The standing committee decides; it neither opens nor submits.
    standing = as_user(standing_a)
    assert refused(standing.get(reverse("rating_round:add")))
    assert refused(step(standing, "submit", round_a))
    # The office opens and submits; it does not approve.
    office = as_user(office_a)
    assert refused(office.get(reverse("rating_round:approve", args=[round_a.pk])))
    round_a.status = RoundStatus.SUBMITTED
    round_a.save()
    assert refused(step(office, "approve", round_a, override_reason="x"))
    assert refused(step(office, "send_back", round_a, reason="x"))
    round_a.refresh_from_db()
    assert round_a.status == RoundStatus.SUBMITTED


def test_the_office_opens_a_round_and_submits_it_with_the_live_check(
    as_user, office_a, tree, over_quota
):
    client = as_user(office_a)
    response = client.post(reverse("rating_round:add"), {"year": "2019", "unit": tree.commune_a.pk})
    round_a = RatingRound.objects.get()
    assert response["Location"] == reverse("rating_round:inspect", args=[round_a.pk])
    assert round_a.status == RoundStatus.DRAFT
    page = text(client.get(response["Location"]))
    assert reverse("rating_round:submit", args=[round_a.pk]) in page
    assert reverse("rating_round:approve", args=[round_a.pk]) not in page
    check = text(client.get(reverse("rating_round:submit", args=[round_a.pk])))
    assert "Chi bộ trực thuộc" in check and "Vượt chỉ tiêu" in check and "20%" in check
    assert "Đảng bộ xã Đồng Văn và các đơn vị cấp dưới" in check
    missing = client.post(reverse("rating_round:submit", args=[round_a.pk]), {})
    assert missing.status_code == 200
    round_a.refresh_from_db()
    assert round_a.status == RoundStatus.DRAFT
    assert step(client, "submit", round_a).status_code == 302
    round_a.refresh_from_db()
    assert round_a.status == RoundStatus.SUBMITTED and round_a.submitted_by == office_a
    # Submitted: its ratings are closed to the office's edits.
    rating = Rating.objects.filter(level="tot").get()
    edit = {"group": "chi_bo", "level": "hoan_thanh", "record_version": audit.fingerprint(rating)}
    closed = client.post(reverse("rating:edit", args=[rating.pk]), edit)
    assert closed.status_code == 200 and "trình phê duyệt" in text(closed)
    rating.refresh_from_db()
    assert rating.level == "tot"


def test_a_stale_version_is_refused(as_user, office_a, tree):
    round_a = RatingRound.objects.create(year=2019, unit=tree.commune_a)
    url = reverse("rating_round:submit", args=[round_a.pk])
    response = as_user(office_a).post(url, {"record_version": "stale"})
    assert "Người khác đã thay đổi" in text(response)
    round_a.refresh_from_db()
    assert round_a.status == RoundStatus.DRAFT


def test_standing_committee_approves_a_submitted_round_with_a_reason(
    as_user, standing_a, tree, over_quota
):
    round_a = RatingRound.objects.create(year=2019, unit=tree.commune_a, status="submitted")
    client = as_user(standing_a)
    page = text(client.get(reverse("rating_round:inspect", args=[round_a.pk])))
    assert reverse("rating_round:approve", args=[round_a.pk]) in page
    assert reverse("rating_round:send_back", args=[round_a.pk]) in page
    refused_ = step(client, "approve", round_a)
    assert "trong nhóm: Chi bộ trực thuộc" in str(
        refused_.context["form"].errors["override_reason"]
    )
    round_a.refresh_from_db()
    assert round_a.status == RoundStatus.SUBMITTED
    step(client, "approve", round_a, override_reason="Đặc biệt")
    round_a.refresh_from_db()
    assert round_a.status == RoundStatus.APPROVED and round_a.override_reason == "Đặc biệt"
    assert round_a.approved_at.date() <= date.today()
    page = text(client.get(reverse("rating_round:inspect", args=[round_a.pk])))
    assert "Đặc biệt" in page and "Đã phê duyệt" in page and "btv_a" in page
    # An approved year is closed to new ratings.
    office = UserFactory(username="o", unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    closed = as_user(office).post(
        reverse("rating:add"),
        {"year": "2019", "unit": tree.branch_a.pk, "group": "chi_bo", "level": "tot"},
    )
    assert "đã được Ban Thường vụ phê duyệt" in text(closed)


def test_standing_committee_sends_a_round_back_with_a_reason(as_user, standing_a, tree):
    round_a = RatingRound.objects.create(year=2019, unit=tree.commune_a, status="submitted")
    client = as_user(standing_a)
    no_reason = step(client, "send_back", round_a, reason="")
    assert "reason" in no_reason.context["form"].errors
    assert step(client, "send_back", round_a, reason="Xem lại nhóm chi bộ").status_code == 302
    round_a.refresh_from_db()
    assert round_a.status == RoundStatus.DRAFT and round_a.returned_reason == "Xem lại nhóm chi bộ"
    page = text(client.get(reverse("rating_round:inspect", args=[round_a.pk])))
    assert "Trả lại bản nháp" in page and "Xem lại nhóm chi bộ" in page
    entry = ModelLogEntry.objects.get(object_id=str(round_a.pk))
    assert entry.data["changes"]["status"] == ["submitted", "draft"]


def test_ratings_are_picked_from_the_kept_groups_and_shown_by_name(as_user, office_a, tree):
    client = as_user(office_a)
    form = text(client.get(reverse("rating:add")))
    assert "Đảng bộ xã, thị trấn" in form
    typed = client.post(
        reverse("rating:add"),
        {"year": "2019", "unit": tree.branch_a.pk, "group": "xa", "level": "tot"},
    )
    assert typed.status_code == 200 and not Rating.objects.exists()
    client.post(
        reverse("rating:add"),
        {"year": "2019", "unit": tree.branch_a.pk, "group": "chi_bo", "level": "tot"},
    )
    assert Rating.objects.get().group == "chi_bo"
    listing = text(client.get(reverse("rating:index")))
    assert "Chi bộ trực thuộc" in listing


def test_the_office_keeps_the_list_of_groups(as_user, office_a, secretary_a):
    client = as_user(office_a)
    response = client.post(reverse("rating_group:add"), {"code": "bi_thu", "name": "Bí thư chi bộ"})
    assert response.status_code == 302
    assert "Bí thư chi bộ" in text(client.get(reverse("rating_group:index")))
    group = RatingGroup.objects.get(code="bi_thu")
    edit_url = reverse("rating_group:edit", args=[group.pk])
    assert client.get(edit_url).status_code == 200
    data = {"name": "Bí thư chi bộ trực thuộc", "valid_to": "2024"}
    edited = client.post(edit_url, {**data, "record_version": audit.fingerprint(group)})
    assert edited.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.valid_to) == ("Bí thư chi bộ trực thuộc", 2024)
    reader = as_user(secretary_a)
    assert refused(reader.get(reverse("rating_group:add")))
