import pytest

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.core.errors import InputError
from dangbo.ratings import services
from dangbo.ratings.models import Rating, RoundStatus
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
            group="xa",
            level="xuat_sac" if i < 2 else "tot",
        )
    return units


def test_a_rating_is_recorded_once_a_year(office_district, person_a):
    rating = services.rating_record(
        actor=office_district, year=2018, person=person_a, group="bi_thu", level="tot"
    )
    assert rating.unit == person_a.unit
    assert audit.history(rating).get().action == audit.CREATE
    with pytest.raises(InputError):
        services.rating_record(
            actor=office_district, year=2018, person=person_a, group="bi_thu", level="tot"
        )


def test_approval_is_refused_while_the_quota_is_exceeded(standing, tree, over_quota):
    with pytest.raises(InputError) as error:
        services.round_approve(actor=standing, year=2018, unit=tree.district)
    assert "xa" in error.value.problems[0].message


def test_the_standing_committee_overrides_with_a_reason(standing, tree, over_quota):
    round_ = services.round_approve(
        actor=standing, year=2018, unit=tree.district, override_reason="Thành tích đặc biệt"
    )
    assert round_.status == RoundStatus.APPROVED
    assert (round_.override_by, round_.override_reason) == (standing, "Thành tích đặc biệt")
    assert audit.history(round_).first().data["after"]["status"] == "approved"


def test_office_staff_cannot_approve(office_district, tree):
    with pytest.raises(PermissionError):
        services.round_approve(actor=office_district, year=2018, unit=tree.district)


def test_no_new_rating_after_approval(standing, office_district, tree, over_quota):
    services.round_approve(
        actor=standing, year=2018, unit=tree.district, override_reason="Đã xem xét"
    )
    with pytest.raises(InputError):
        services.rating_record(
            actor=office_district, year=2018, unit=tree.commune_a, group="xa", level="tot"
        )
    assert not Rating.objects.filter(unit=tree.commune_a).exists()
