"""Shared fixtures: a small tree with two communes under one district, and their users."""

from dataclasses import dataclass

import pytest

from dangbo.accounts.models import User, UserRole
from dangbo.org.models import Unit, UnitKind
from tests.factories import PersonFactory, PositionFactory, UnitFactory, UserFactory


@dataclass
class Tree:
    province: Unit
    district: Unit
    commune_a: Unit
    commune_b: Unit
    branch_a: Unit


@pytest.fixture
def tree(db) -> Tree:
    province = UnitFactory(code="TU-NA", name="Tỉnh ủy Nghệ An", kind=UnitKind.PROVINCE_COMMITTEE)
    district = UnitFactory(
        code="HU-TK", name="Huyện ủy Tân Kỳ", kind=UnitKind.DISTRICT_COMMITTEE, parent=province
    )
    commune_a = UnitFactory(code="X-DV", name="Đảng bộ xã Đồng Văn", parent=district)
    commune_b = UnitFactory(code="X-TX", name="Đảng bộ xã Tân Xuân", parent=district)
    branch_a = UnitFactory(
        code="CB-DV-1", name="Chi bộ xóm 1", kind=UnitKind.BRANCH, parent=commune_a
    )
    return Tree(province, district, commune_a, commune_b, branch_a)


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("admin", "admin@example.org", "mật-khẩu-thử-123")


@pytest.fixture
def office_a(tree) -> User:
    """Organization office staff of commune A: may change A's subtree, nothing else."""
    return UserFactory(username="office_a", unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)


@pytest.fixture
def office_district(tree) -> User:
    return UserFactory(username="office_hu", unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)


@pytest.fixture
def secretary_a(tree) -> User:
    """A grassroots secretary of commune A: reads A's subtree, changes nothing."""
    return UserFactory(
        username="secretary_a", unit=tree.commune_a, role=UserRole.GRASSROOTS_SECRETARY
    )


@pytest.fixture
def person_b(tree):
    person = PersonFactory(code="P-B1", full_name="Đặng Thị Bình", unit=tree.commune_b)
    PositionFactory(person=person, unit=tree.commune_b)
    return person


@pytest.fixture
def person_a(tree):
    person = PersonFactory(code="P-A1", full_name="Nguyễn Văn An", unit=tree.commune_a)
    PositionFactory(person=person, unit=tree.commune_a)
    return person


@pytest.fixture
def as_user(client):
    """The test client, logged in as the given user."""

    def login(user):
        client.force_login(user)
        return client

    return login
