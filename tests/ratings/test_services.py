import pytest

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.core.errors import ConflictError, InputError
from dangbo.ratings import selectors, services
from dangbo.ratings.models import Rating, RatingGroup, RatingRound, RoundStatus
from tests.factories import UnitFactory, UserFactory


@pytest.fixture
def standing(tree):
    return UserFactory(username="btv", unit=tree.district, role=UserRole.STANDING_COMMITTEE)


@pytest.fixture
def over_quota(office_district, tree):
    """2 units rated excellent beside 9 rated good: 2 × 5 > 9."""
    units = [UnitFactory(code=f"X-{i:02d}", parent=tree.district) for i in range(11)]
    for i, unit in enumerate(units):
        services.rating_record(
            actor=office_district,
            year=2018,
            unit=unit,
            group="dang_bo_xa",
            level="xuat_sac" if i < 2 else "tot",
        )
    return units


@pytest.fixture
def submitted(office_district, tree, over_quota):
    round_ = services.round_open(actor=office_district, year=2018, unit=tree.district)
    return services.round_submit(actor=office_district, round_=round_)


def test_the_kept_list_is_seeded(db):
    names = selectors.group_names()
    assert names["dang_bo_xa"] == "Đảng bộ xã, thị trấn" and "can_bo_huyen" in names


def test_a_rating_is_recorded_once_a_year(office_district, person_a):
    rating = services.rating_record(
        actor=office_district, year=2018, person=person_a, group="can_bo_xa", level="tot"
    )
    assert rating.unit == person_a.unit
    assert audit.history(rating).get().action == audit.CREATE
    with pytest.raises(InputError):
        services.rating_record(
            actor=office_district, year=2018, person=person_a, group="can_bo_xa", level="tot"
        )


def test_a_group_outside_the_kept_list_is_refused(office_district, tree):
    with pytest.raises(InputError) as error:
        services.rating_record(
            actor=office_district, year=2018, unit=tree.commune_a, group="xa", level="tot"
        )
    assert error.value.problems[0].field == "group"
    assert not Rating.objects.exists()


def test_the_office_opens_and_submits_a_round(office_district, tree, standing):
    round_ = services.round_open(actor=office_district, year=2018, unit=tree.district)
    assert round_.status == RoundStatus.DRAFT
    with pytest.raises(PermissionError):
        services.round_submit(actor=standing, round_=round_)
    with pytest.raises(ConflictError):
        services.round_submit(actor=office_district, round_=round_, expected_version="stale")
    version = audit.fingerprint(round_)
    round_ = services.round_submit(actor=office_district, round_=round_, expected_version=version)
    assert round_.status == RoundStatus.SUBMITTED and round_.submitted_by == office_district
    with pytest.raises(InputError):
        services.round_submit(actor=office_district, round_=round_)
    assert [s["what"] for s in selectors.round_history(round_)] == [
        "Mở dưới dạng bản nháp",
        "Đã trình phê duyệt",
    ]


def test_a_submitted_round_closes_its_ratings(office_district, tree, submitted):
    rating = Rating.objects.filter(unit__parent=tree.district).first()
    with pytest.raises(InputError) as error:
        services.rating_update(
            actor=office_district, rating=rating, group="dang_bo_xa", level="hoan_thanh"
        )
    assert "trình phê duyệt" in error.value.problems[0].message
    with pytest.raises(InputError):
        services.rating_record(
            actor=office_district, year=2018, unit=tree.commune_a, group="dang_bo_xa", level="tot"
        )


def test_only_a_submitted_round_is_approved(office_district, standing, tree):
    round_ = services.round_open(actor=office_district, year=2018, unit=tree.district)
    with pytest.raises(InputError):
        services.round_approve(actor=standing, round_=round_)


def test_approval_is_refused_while_the_quota_is_exceeded(standing, submitted):
    with pytest.raises(InputError) as error:
        services.round_approve(actor=standing, round_=submitted)
    message = error.value.problems[0].message
    assert "Đảng bộ xã, thị trấn" in message and "20%" in message


def test_approval_checks_the_version_seen(standing, submitted):
    with pytest.raises(ConflictError):
        services.round_approve(
            actor=standing, round_=submitted, override_reason="x", expected_version="old"
        )
    submitted.refresh_from_db()
    assert submitted.status == RoundStatus.SUBMITTED


def test_the_standing_committee_overrides_with_a_reason(standing, submitted):
    round_ = services.round_approve(
        actor=standing,
        round_=submitted,
        override_reason="Thành tích đặc biệt",
        expected_version=audit.fingerprint(submitted),
    )
    assert round_.status == RoundStatus.APPROVED
    assert (round_.override_by, round_.override_reason) == (standing, "Thành tích đặc biệt")
    assert audit.history(round_).first().data["after"]["status"] == "approved"
    steps = selectors.round_history(round_)
    assert steps[-1]["what"] == "Đã phê duyệt" and steps[-1]["reason"] == "Thành tích đặc biệt"


def test_sending_back_needs_a_reason_and_reopens_the_ratings(office_district, standing, submitted):
    with pytest.raises(InputError):
        services.round_send_back(actor=standing, round_=submitted, reason="  ")
    with pytest.raises(PermissionError):
        services.round_send_back(actor=office_district, round_=submitted, reason="Sửa")
    round_ = services.round_send_back(
        actor=standing, round_=submitted, reason="Giảm số xuất sắc", expected_version=None
    )
    assert round_.status == RoundStatus.DRAFT and round_.returned_reason == "Giảm số xuất sắc"
    rating = Rating.objects.filter(level="xuat_sac").first()
    services.rating_update(actor=office_district, rating=rating, group="dang_bo_xa", level="tot")
    step = selectors.round_history(round_)[-1]
    assert (step["what"], step["reason"]) == ("Trả lại bản nháp", "Giảm số xuất sắc")


def test_office_staff_cannot_approve(office_district, submitted):
    with pytest.raises(PermissionError):
        services.round_approve(actor=office_district, round_=submitted, override_reason="x")


def test_no_new_rating_after_approval(standing, office_district, tree, submitted):
    services.round_approve(actor=standing, round_=submitted, override_reason="Đã xem xét")
    with pytest.raises(InputError):
        services.rating_record(
            actor=office_district, year=2018, unit=tree.commune_a, group="dang_bo_xa", level="tot"
        )
    assert not Rating.objects.filter(unit=tree.commune_a).exists()


def test_rounds_to_approve_are_the_submitted_ones_the_user_decides(
    standing, office_district, tree, submitted
):
    other = services.round_open(actor=office_district, year=2019, unit=tree.district)
    assert list(selectors.rounds_to_approve(standing)) == [submitted]
    assert list(selectors.rounds_to_approve(office_district)) == []
    elsewhere = UserFactory(username="btv_b", unit=tree.commune_b, role=UserRole.STANDING_COMMITTEE)
    assert list(selectors.rounds_to_approve(elsewhere)) == []
    assert other.status == RoundStatus.DRAFT


def test_one_population_for_the_quota(standing, office_district, tree, over_quota):
    """The round, the rating's page and the review count the same ratings for one user."""
    lines = selectors.quota_check(user=standing, year=2018, unit=tree.district)
    line = lines[0]
    assert (line["excellent"], line["good"], line["allowed"], line["over"]) == (2, 9, 1, True)
    assert "2 xuất sắc" in line["words"] and "thừa 1" in line["words"]
    # A commune's office sees none of the district's communes' ratings.
    assert (
        selectors.quota_check(
            user=UserFactory(
                username="o_b", unit=tree.commune_b, role=UserRole.ORGANIZATION_OFFICE
            ),
            year=2018,
        )
        == []
    )
    rating = Rating.objects.filter(level="xuat_sac").first()
    context = selectors.rating_context(user=standing, rating=rating)
    assert context["quota_lines"][0]["excellent"] == 2 and context["round"] is None
    RatingRound.objects.create(year=2018, unit=tree.district)
    context = selectors.rating_context(user=standing, rating=rating)
    assert context["round"].unit == tree.district and "Huyện ủy Tân Kỳ" in context["population"]


def test_the_office_keeps_the_groups(office_a, secretary_a):
    group = services.group_record(actor=office_a, code="chi_uy", name="Cấp ủy viên")
    with pytest.raises(PermissionError):
        services.group_update(actor=secretary_a, group=group, name="x")
    services.group_update(actor=office_a, group=group, name="Cấp ủy viên cơ sở", valid_to=2024)
    group.refresh_from_db()
    assert group.name == "Cấp ủy viên cơ sở" and not group.offered_in(2025)
    assert "chi_uy" not in {g.code for g in selectors.offered_groups()}
    with pytest.raises(InputError):
        services.group_record(actor=office_a, code="chi_uy", name="Lại")
    assert RatingGroup.objects.filter(code="chi_uy").count() == 1
