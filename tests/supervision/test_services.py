from datetime import date

import pytest

from dangbo.core import audit
from dangbo.core.errors import InputError
from dangbo.supervision import services
from dangbo.supervision.models import SupervisionReport
from tests.factories import PersonFactory


@pytest.fixture
def member(tree):
    return PersonFactory(code="CUV-1", unit=tree.district)


def test_assignment_and_report_are_audited(office_district, tree, member):
    assignment = services.assignment_create(
        actor=office_district,
        person=member,
        unit=tree.commune_a,
        field="Xây dựng Đảng",
        start_date=date(2016, 1, 1),
    )
    report = services.report_submit(
        actor=office_district, person=member, period="2019Q1", submitted_date=date(2019, 3, 22)
    )
    assert audit.history(assignment).get().action == audit.CREATE
    assert audit.history(report).get().data["after"]["period"] == "2019Q1"


@pytest.mark.parametrize("period", ["2019Q5", "2019-1", "Q1 2019", ""])
def test_a_bad_period_is_refused(office_district, member, period):
    with pytest.raises(InputError) as error:
        services.report_submit(
            actor=office_district, person=member, period=period, submitted_date=date(2019, 3, 1)
        )
    assert error.value.problems[0].field == "period"
    assert not SupervisionReport.objects.exists()


def test_one_report_per_member_and_quarter(office_district, member):
    services.report_submit(
        actor=office_district, person=member, period="2019Q1", submitted_date=date(2019, 3, 1)
    )
    with pytest.raises(InputError):
        services.report_submit(
            actor=office_district,
            person=member,
            period="2019Q1",
            submitted_date=date(2019, 3, 2),
        )


def test_a_commune_office_cannot_assign_in_another_commune(office_a, tree, member):
    with pytest.raises(PermissionError):
        services.assignment_create(
            actor=office_a, person=member, unit=tree.commune_b, start_date=date(2016, 1, 1)
        )
