"""A plan approved by the standing committee (DECIDE), sent back with a reason; an approved
plan's rotations are closed to changes; rotations edited through their service."""

from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.core.errors import ConflictError, InputError
from dangbo.people.models import Role
from dangbo.rotation import services
from dangbo.rotation.models import PlanStatus, Rotation, RotationPlan
from tests.factories import PersonFactory, UserFactory
from tests.org.conftest import refused, text


@pytest.fixture
def standing_district(tree):
    return UserFactory(username="btv", unit=tree.district, role=UserRole.STANDING_COMMITTEE)


@pytest.fixture
def standing_b(tree):
    return UserFactory(username="btv_b", unit=tree.commune_b, role=UserRole.STANDING_COMMITTEE)


@pytest.fixture
def plan(tree):
    return RotationPlan.objects.create(
        code="KH-HU",
        name="Kế hoạch nhiệm kỳ",
        unit=tree.district,
        kind="term",
        start_year=2021,
        end_year=2025,
    )


@pytest.fixture
def young(tree):
    return PersonFactory(code="P-Y", birth_date=date(1985, 4, 2), unit=tree.commune_a)


@pytest.fixture
def rotation(plan, young, tree):
    return Rotation.objects.create(
        code="LC-1",
        person=young,
        plan=plan,
        to_unit=tree.commune_a,
        to_role=Role.HEAD,
        to_title="Bí thư Đảng ủy xã",
        start_date=date(2022, 1, 1),
        planned_months=36,
    )


def entries(record, action=audit.UPDATE):
    return ModelLogEntry.objects.filter(object_id=str(record.pk), action=action)


# --- services ------------------------------------------------------------------------------


def test_the_standing_committee_approves_and_it_is_audited(standing_district, plan):
    services.plan_approve(actor=standing_district, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == standing_district
    assert plan.approved_at is not None
    assert entries(plan).count() == 1
    with pytest.raises(InputError):
        services.plan_approve(actor=standing_district, plan=plan)


def test_the_office_and_another_committee_cannot_approve(office_district, standing_b, plan):
    for actor in (office_district, standing_b):
        with pytest.raises(PermissionError):
            services.plan_approve(actor=actor, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and not entries(plan).exists()


def test_a_plan_without_its_years_is_not_approved(standing_district, plan):
    plan.end_year = None
    plan.save()
    with pytest.raises(InputError):
        services.plan_approve(actor=standing_district, plan=plan)


def test_an_approved_plan_closes_its_rotations(
    standing_district, office_district, plan, rotation, young, tree
):
    services.plan_approve(actor=standing_district, plan=plan)
    with pytest.raises(InputError) as error:
        services.rotation_record(
            actor=office_district,
            code="LC-2",
            person=young,
            plan=plan,
            to_unit=tree.commune_a,
            to_role=Role.HEAD,
            start_date=date(2023, 1, 1),
            planned_months=36,
        )
    assert error.value.problems[0].field == "plan"
    with pytest.raises(InputError):
        services.rotation_update(
            actor=office_district, rotation=rotation, changes={"planned_months": 48}
        )
    with pytest.raises(InputError):
        services.plan_update(
            actor=office_district,
            plan=plan,
            name="Đổi tên",
            kind="term",
            start_year=2021,
            end_year=2025,
        )
    # Carrying it out stays open: the evaluation of the plan, the end of a rotation.
    services.plan_update(
        actor=office_district,
        plan=plan,
        name=plan.name,
        kind="term",
        start_year=2021,
        end_year=2025,
        evaluation="Hoàn thành",
    )
    services.rotation_end(actor=office_district, rotation=rotation, end_date=date(2025, 1, 1))


def test_sending_back_needs_a_reason_and_reopens(
    standing_district, office_district, plan, rotation
):
    services.plan_approve(actor=standing_district, plan=plan)
    with pytest.raises(InputError):
        services.plan_send_back(actor=standing_district, plan=plan, reason="  ")
    services.plan_send_back(actor=standing_district, plan=plan, reason="Bổ sung cán bộ nữ")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.approved_by is None
    assert plan.sent_back_reason == "Bổ sung cán bộ nữ"
    services.rotation_update(
        actor=office_district, rotation=rotation, changes={"planned_months": 48}
    )
    rotation.refresh_from_db()
    assert rotation.planned_months == 48


def test_a_plan_of_the_wrong_length_is_refused(office_district, tree):
    with pytest.raises(InputError) as error:
        services.plan_record(
            actor=office_district,
            code="KH-X",
            name="X",
            unit=tree.district,
            kind="term",
            start_year=2021,
            end_year=2023,
        )
    assert error.value.problems[0].field == "end_year"
    assert "65-QĐ/TW" in error.value.problems[0].message


def test_rotation_update_is_audited_and_version_checked(office_district, rotation):
    version = audit.fingerprint(rotation)
    services.rotation_update(
        actor=office_district,
        rotation=rotation,
        changes={"planned_months": 40},
        expected_version=version,
    )
    assert entries(rotation).count() == 1
    with pytest.raises(ConflictError):
        services.rotation_update(
            actor=office_district,
            rotation=rotation,
            changes={"planned_months": 42},
            expected_version=version,
        )
    rotation.refresh_from_db()
    assert rotation.planned_months == 40


def test_rotation_update_out_of_scope_is_refused(office_a, rotation, tree):
    # office_a keeps commune A; moving the rotation to commune B is out of its reach.
    with pytest.raises(PermissionError):
        services.rotation_update(
            actor=office_a, rotation=rotation, changes={"to_unit": tree.commune_b}
        )
    rotation.refresh_from_db()
    assert rotation.to_unit == tree.commune_a


# --- screens -------------------------------------------------------------------------------


def test_approval_screen_for_the_standing_committee_only(
    as_user, standing_district, office_district, plan
):
    url = reverse("rotation_plan:approve", args=[plan.pk])
    assert refused(as_user(office_district).post(url, {"record_version": audit.fingerprint(plan)}))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    client = as_user(standing_district)
    page = text(client.get(reverse("rotation_plan:inspect", args=[plan.pk])))
    assert url in page
    assert client.get(url).status_code == 200
    response = client.post(url, {"record_version": audit.fingerprint(plan)})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    page = text(client.get(reverse("rotation_plan:inspect", args=[plan.pk])))
    assert "Đã phê duyệt" in page and url not in page


def test_approval_without_the_version_changes_nothing(as_user, standing_district, plan):
    response = as_user(standing_district).post(reverse("rotation_plan:approve", args=[plan.pk]), {})
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_another_committees_plan_is_not_found(as_user, standing_b, plan):
    for name in ("approve", "send_back"):
        response = as_user(standing_b).post(
            reverse(f"rotation_plan:{name}", args=[plan.pk]),
            {"reason": "x", "record_version": audit.fingerprint(plan)},
        )
        assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and not plan.sent_back_reason


def test_send_back_screen_asks_for_a_reason(as_user, standing_district, plan):
    client = as_user(standing_district)
    url = reverse("rotation_plan:send_back", args=[plan.pk])
    response = client.post(url, {"reason": "", "record_version": audit.fingerprint(plan)})
    assert response.status_code == 200 and "Ghi lý do trả lại kế hoạch" in text(response)
    response = client.post(
        url, {"reason": "Thiếu cán bộ nữ", "record_version": audit.fingerprint(plan)}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.sent_back_reason == "Thiếu cán bộ nữ"


def rotation_form(rotation, **changes):
    data = {
        "plan": rotation.plan_id or "",
        "from_unit": "",
        "from_role": "",
        "to_unit": rotation.to_unit_id,
        "to_role": rotation.to_role,
        "to_title": rotation.to_title,
        "reason": "",
        "start_date": rotation.start_date.strftime("%d/%m/%Y"),
        "planned_months": rotation.planned_months,
        "override_reason": "",
        "record_version": audit.fingerprint(rotation),
    }
    data.update(changes)
    return data


def test_edit_shows_the_findings_before_saving(as_user, office_district, rotation):
    client = as_user(office_district)
    url = reverse("rotation:edit", args=[rotation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, rotation_form(rotation, planned_months=24))
    assert response.status_code == 200
    assert "dự kiến dưới 36 tháng" in text(response)
    rotation.refresh_from_db()
    assert rotation.planned_months == 36  # nothing saved yet
    token = response.context["pending_findings"]["token"]
    response = client.post(url, rotation_form(rotation, planned_months=24, findings_seen=token))
    assert response.status_code == 302
    rotation.refresh_from_db()
    assert rotation.planned_months == 24
    assert entries(rotation).count() == 1


def test_edit_without_a_finding_saves_at_once(as_user, office_district, rotation):
    response = as_user(office_district).post(
        reverse("rotation:edit", args=[rotation.pk]), rotation_form(rotation, planned_months=48)
    )
    assert response.status_code == 302
    rotation.refresh_from_db()
    assert rotation.planned_months == 48


def test_a_changed_entry_shows_the_findings_again(as_user, office_district, rotation):
    client = as_user(office_district)
    url = reverse("rotation:edit", args=[rotation.pk])
    token = client.post(url, rotation_form(rotation, planned_months=24)).context[
        "pending_findings"
    ]["token"]
    response = client.post(url, rotation_form(rotation, planned_months=12, findings_seen=token))
    assert response.status_code == 200 and response.context["pending_findings"]
    rotation.refresh_from_db()
    assert rotation.planned_months == 36


def test_another_communes_rotation_cannot_be_edited(as_user, office_a, tree, plan):
    other = Rotation.objects.create(
        code="LC-B",
        person=PersonFactory(code="P-B", unit=tree.commune_b),
        plan=plan,
        to_unit=tree.commune_b,
        to_role=Role.HEAD,
        start_date=date(2022, 1, 1),
        planned_months=36,
    )
    response = as_user(office_a).post(
        reverse("rotation:edit", args=[other.pk]), rotation_form(other, planned_months=48)
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.planned_months == 36
