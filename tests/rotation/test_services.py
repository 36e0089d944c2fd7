from datetime import date

import pytest

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.core.errors import InputError
from dangbo.discipline.models import DisciplineCase
from dangbo.people.models import Role
from dangbo.rotation import services
from dangbo.rotation.models import Rotation
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def standing_district(tree):
    return UserFactory(username="btv", unit=tree.district, role=UserRole.STANDING_COMMITTEE)


@pytest.fixture
def young(tree):
    """Born 1985: over ten years of service left in 2025."""
    return PersonFactory(code="P-Y", birth_date=date(1985, 4, 2), unit=tree.commune_a)


@pytest.fixture
def barred(young, tree):
    """Warned (cảnh cáo) announced 1 March 2024: barred from promotion for 30 months."""
    DisciplineCase.objects.create(
        code="KL-1",
        subject_kind="person",
        person=young,
        unit=tree.commune_a,
        violation_date=date(2023, 10, 1),
        form="canh_cao",
        decided_date=date(2024, 2, 20),
        announced_date=date(2024, 3, 1),
    )
    return young


def rotate(actor, person, to_unit, **kw):
    values = {
        "code": "LC-1",
        "person": person,
        "to_unit": to_unit,
        "to_role": Role.HEAD,
        "from_role": Role.DEPUTY,
        "start_date": date(2025, 1, 1),
        "planned_months": 36,
    }
    return services.rotation_record(actor=actor, **(values | kw))


def test_a_rotation_is_recorded_and_audited(office_district, young, tree):
    rotation = rotate(office_district, young, tree.commune_b)
    assert [e.action for e in audit.history(rotation)] == [audit.CREATE]
    assert services.findings_for(rotation) == []


def test_promotion_under_a_bar_is_refused_without_override(office_district, barred, tree):
    with pytest.raises(InputError) as error:
        rotate(office_district, barred, tree.commune_b)
    assert error.value.problems[0].field == "override_reason"
    assert not Rotation.objects.exists()


def test_office_staff_cannot_override(office_district, barred, tree):
    with pytest.raises(InputError):
        rotate(office_district, barred, tree.commune_b, override_reason="Cần thiết")
    assert not Rotation.objects.exists()


def test_standing_committee_overrides_with_a_written_reason(standing_district, barred, tree):
    rotation = rotate(
        standing_district, barred, tree.commune_b, override_reason="Yêu cầu nhiệm vụ đặc biệt"
    )
    assert rotation.override_by == standing_district
    assert "promotion_barred" in services.findings_for(rotation)
    [entry] = audit.history(rotation)
    assert entry.data["after"]["override_reason"] == "Yêu cầu nhiệm vụ đặc biệt"


def test_a_move_sideways_is_not_a_promotion(office_district, barred, tree):
    rotation = rotate(office_district, barred, tree.commune_b, to_role=Role.DEPUTY)
    assert "promotion_barred" not in services.findings_for(rotation)


def test_import_records_history_as_it_happened(office_district, barred, tree):
    rotation = rotate(office_district, barred, tree.commune_b, source=audit.SOURCE_IMPORT)
    assert rotation.override_reason == ""
    assert "promotion_barred" in services.findings_for(rotation)


def test_ending_a_rotation_keeps_its_evaluation(office_district, young, tree):
    rotation = rotate(office_district, young, tree.commune_b)
    services.rotation_end(
        actor=office_district,
        rotation=rotation,
        end_date=date(2028, 1, 1),
        evaluation="Hoàn thành tốt nhiệm vụ",
    )
    rotation.refresh_from_db()
    assert rotation.evaluation == "Hoàn thành tốt nhiệm vụ"
    assert audit.history(rotation).first().action == audit.END


def test_too_close_to_retirement_is_a_finding_not_a_refusal(office_district, person_a, tree):
    """Born 1970: a man retires at 62 in 2032, under ten years after a 2025 start."""
    rotation = rotate(office_district, person_a, tree.commune_b)
    assert services.findings_for(rotation) == ["too_close_to_retirement"]
