"""A district with a standing committee member, the office, the inspection commission and
two supervising committee members: one with a login, one without."""

from dataclasses import dataclass
from datetime import date

import pytest

from dangbo.accounts.models import Grant, User, UserRole
from dangbo.people.models import Person
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport
from tests.factories import PersonFactory, UserFactory


@dataclass
class Office:
    standing: User
    office: User
    inspection: User
    member: Person
    member_user: User
    member_without_login: Person


@pytest.fixture
def office(tree) -> Office:
    standing = UserFactory(
        username="btv",
        unit=tree.district,
        role=UserRole.STANDING_COMMITTEE,
        email="btv@example.org",
    )
    office = UserFactory(username="btc", unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    inspection = UserFactory(username="ubkt", unit=tree.district, role=UserRole.INSPECTION)
    member = PersonFactory(code="CUV-1", full_name="Lê Văn Giám", unit=tree.district)
    member_user = UserFactory(
        username="cuv",
        unit=tree.district,
        role=UserRole.COMMITTEE_MEMBER,
        person=member,
        email="cuv@example.org",
    )
    without_login = PersonFactory(code="CUV-2", full_name="Hoàng Thị Sát", unit=tree.district)
    for person, unit in ((member, tree.commune_a), (without_login, tree.commune_b)):
        SupervisionAssignment.objects.create(
            person=person, unit=unit, field="Xây dựng Đảng", start_date=date(2016, 1, 1)
        )
        # The quarter before reported: its overdue notices (until 25/09/2019) stay out.
        SupervisionReport.objects.create(
            person=person, period="2019Q2", submitted_date=date(2019, 6, 20)
        )
    return Office(standing, office, inspection, member, member_user, without_login)


def grant(user, unit, role):
    return Grant.objects.create(user=user, unit=unit, role=role)
