"""Rotation screens: scoped by the tree, recorded through the services, overrides shown."""

from datetime import date

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.discipline.models import DisciplineCase
from dangbo.people.models import Role
from dangbo.rotation.models import Rotation, RotationPlan
from tests.factories import PersonFactory, UserFactory
from tests.org.conftest import refused, text


@pytest.fixture
def standing_a(tree):
    return UserFactory(username="btv_a", unit=tree.commune_a, role=UserRole.STANDING_COMMITTEE)


@pytest.fixture
def plan_b(tree):
    return RotationPlan.objects.create(
        code="KH-B", name="Kế hoạch xã Tân Xuân", unit=tree.commune_b
    )


@pytest.fixture
def rotation_b(tree, person_b, plan_b):
    return Rotation.objects.create(
        code="LC-B",
        person=person_b,
        plan=plan_b,
        to_unit=tree.commune_b,
        to_role=Role.HEAD,
        start_date=date(2024, 1, 1),
        planned_months=36,
    )


@pytest.fixture
def barred(tree):
    """Warned (cảnh cáo) announced 1 March 2024: barred from promotion for 30 months."""
    person = PersonFactory(
        code="P-A9", full_name="Hồ Văn Kỷ", unit=tree.branch_a, birth_date=date(1985, 1, 1)
    )
    DisciplineCase.objects.create(
        code="KL-1",
        subject_kind="person",
        person=person,
        unit=tree.branch_a,
        violation_date=date(2023, 10, 1),
        form="canh_cao",
        decided_date=date(2024, 2, 20),
        announced_date=date(2024, 3, 1),
    )
    return person


def rotation_data(person, unit, **overrides):
    data = {
        "code": "LC-1",
        "person": person.pk,
        "from_unit": unit.pk,
        "from_role": Role.DEPUTY,
        "to_unit": unit.pk,
        "to_role": Role.HEAD,
        "to_title": "Bí thư Đảng ủy",
        "reason": "development",
        "start_date": "01/01/2025",
        "planned_months": "36",
        "override_reason": "",
    }
    data.update(overrides)
    return data


def post_confirmed(client, url, data):
    """Post a rotation form; if it shows findings to confirm, confirm them as the user would."""
    response = client.post(url, data)
    pending = response.context and response.context.get("pending_findings")
    if response.status_code == 200 and pending:
        response = client.post(url, {**data, "findings_seen": pending["token"]})
    return response


# --- another commune's records are out of reach ------------------------------------------


def test_lists_leave_out_another_commune(as_user, office_a, rotation_b, plan_b):
    client = as_user(office_a)
    assert list(client.get(reverse("rotation:index")).context["object_list"]) == []
    assert list(client.get(reverse("rotation_plan:index")).context["object_list"]) == []
    assert "Đặng Thị Bình" not in text(client.get(reverse("rotation:index")))


@pytest.mark.parametrize("view", ["inspect", "history", "end"])
def test_guessing_another_communes_rotation_url_is_not_found(as_user, office_a, rotation_b, view):
    response = as_user(office_a).get(reverse(f"rotation:{view}", args=[rotation_b.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("view", ["inspect", "history"])
def test_guessing_another_communes_plan_url_is_not_found(as_user, office_a, plan_b, view):
    response = as_user(office_a).get(reverse(f"rotation_plan:{view}", args=[plan_b.pk]))
    assert response.status_code == 404


def test_nothing_is_deleted(rotation_b, plan_b):
    for name in ["rotation:delete", "rotation_plan:delete"]:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


def test_another_communes_plan_cannot_be_edited(as_user, office_a, plan_b):
    url = reverse("rotation_plan:edit", args=[plan_b.pk])
    response = as_user(office_a).post(url, {"name": "Đổi tên", "evaluation": "x"})
    assert response.status_code == 404
    plan_b.refresh_from_db()
    assert plan_b.evaluation == ""


def test_a_plan_is_evaluated_at_its_end(as_user, office_district, plan_b):
    url = reverse("rotation_plan:edit", args=[plan_b.pk])
    response = as_user(office_district).post(
        url,
        {
            "name": plan_b.name,
            "kind": plan_b.kind,
            "start_year": 2016,
            "end_year": 2020,
            "evaluation": "Cán bộ luân chuyển hoàn thành tốt nhiệm vụ",
            "record_version": audit.fingerprint(plan_b),
        },
    )
    assert response.status_code == 302
    plan_b.refresh_from_db()
    assert plan_b.evaluation == "Cán bộ luân chuyển hoàn thành tốt nhiệm vụ"


def test_posting_to_another_communes_rotation_changes_nothing(as_user, office_a, rotation_b, tree):
    client = as_user(office_a)
    end = client.post(reverse("rotation:end", args=[rotation_b.pk]), {"end_date": "01/01/2026"})
    assert end.status_code == 404
    add = client.post(reverse("rotation:add"), rotation_data(rotation_b.person, tree.commune_b))
    assert add.status_code == 200  # neither the person nor the unit is a choice offered
    rotation_b.refresh_from_db()
    assert rotation_b.end_date is None and Rotation.objects.count() == 1
    assert not ModelLogEntry.objects.exists()


@pytest.mark.parametrize("url", ["rotation:add", "rotation_plan:add"])
def test_readers_cannot_add(as_user, secretary_a, url):
    assert refused(as_user(secretary_a).get(reverse(url)))
    index = text(as_user(secretary_a).get(reverse(url.replace(":add", ":index"))))
    assert reverse(url) not in index


def test_secretary_reads_a_rotation_without_end_button(as_user, secretary_a, tree, person_a):
    rotation = Rotation.objects.create(
        code="LC-A",
        person=person_a,
        to_unit=tree.branch_a,
        to_role=Role.HEAD,
        start_date=date(2024, 1, 1),
        planned_months=36,
    )
    client = as_user(secretary_a)
    page = client.get(reverse("rotation:inspect", args=[rotation.pk]))
    assert page.status_code == 200 and reverse("rotation:end", args=[rotation.pk]) not in text(page)
    assert refused(client.get(reverse("rotation:end", args=[rotation.pk])))


# --- recording, findings and the override -------------------------------------------------


def test_office_records_a_plan_and_a_rotation(as_user, office_a, tree, person_a):
    client = as_user(office_a)
    response = client.post(
        reverse("rotation_plan:add"),
        {
            "code": "KH-A",
            "name": "Kế hoạch 2025",
            "kind": "annual",
            "unit": tree.commune_a.pk,
            "start_year": "2025",
            "end_year": "2025",
        },
    )
    plan = RotationPlan.objects.get(code="KH-A")
    assert response.status_code == 302
    response = post_confirmed(
        client, reverse("rotation:add"), rotation_data(person_a, tree.branch_a, plan=plan.pk)
    )
    rotation = Rotation.objects.get(code="LC-1")
    assert response["Location"] == reverse("rotation:inspect", args=[rotation.pk])
    assert rotation.start_date == date(2025, 1, 1) and rotation.plan == plan
    page = text(client.get(reverse("rotation_plan:inspect", args=[plan.pk])))
    assert "LC-1" in page and "1 bí thư đảng ủy" in page


def test_rotation_shows_its_findings_with_the_rule(as_user, office_a, tree, person_a):
    rotation = Rotation.objects.create(
        code="LC-A",
        person=person_a,
        to_unit=tree.branch_a,
        to_role=Role.HEAD,
        start_date=date(2024, 1, 1),
        planned_months=24,
    )
    page = text(as_user(office_a).get(reverse("rotation:inspect", args=[rotation.pk])))
    assert "dự kiến dưới 36 tháng" in page and "65-QĐ/TW" in page
    assert "too_short" not in page  # the label, not the code


def test_promotion_under_a_bar_is_refused_without_a_reason(as_user, office_a, tree, barred):
    response = post_confirmed(
        as_user(office_a), reverse("rotation:add"), rotation_data(barred, tree.branch_a)
    )
    assert response.status_code == 200
    assert "thời hạn không bổ nhiệm" in str(response.context["form"].errors["override_reason"])
    assert not Rotation.objects.exists()


def test_office_cannot_override_even_with_a_reason(as_user, office_a, tree, barred):
    response = post_confirmed(
        as_user(office_a),
        reverse("rotation:add"),
        rotation_data(barred, tree.branch_a, override_reason="Cần"),
    )
    assert "Ủy viên Ban Thường vụ" in str(response.context["form"].errors["override_reason"])
    assert not Rotation.objects.exists()


def test_standing_committee_overrides_and_the_reason_is_shown(as_user, standing_a, tree, barred):
    client = as_user(standing_a)
    assert client.get(reverse("rotation:add")).status_code == 200
    response = post_confirmed(
        client,
        reverse("rotation:add"),
        rotation_data(barred, tree.branch_a, override_reason="Yêu cầu nhiệm vụ đặc biệt"),
    )
    rotation = Rotation.objects.get()
    assert response.status_code == 302
    assert rotation.override_by == standing_a and rotation.override_reason
    page = text(client.get(reverse("rotation:inspect", args=[rotation.pk])))
    assert "thời hạn không bổ nhiệm" in page and "Yêu cầu nhiệm vụ đặc biệt" in page
    assert "btv_a" in page
    # A decider records; the office keeps (ends) it.
    assert reverse("rotation:end", args=[rotation.pk]) not in page


def test_office_ends_a_rotation_with_an_evaluation(as_user, office_a, tree, person_a):
    rotation = Rotation.objects.create(
        code="LC-A",
        person=person_a,
        to_unit=tree.branch_a,
        to_role=Role.HEAD,
        start_date=date(2024, 1, 1),
        planned_months=36,
    )
    response = as_user(office_a).post(
        reverse("rotation:end", args=[rotation.pk]),
        {
            "end_date": "31/12/2026",
            "evaluation": "Hoàn thành tốt",
            "record_version": audit.fingerprint(rotation),
        },
    )
    assert response.status_code == 302
    rotation.refresh_from_db()
    assert rotation.end_date == date(2026, 12, 31) and rotation.evaluation == "Hoàn thành tốt"


def test_a_rotation_form_starts_from_a_plan_the_user_may_see(as_user, office_district, plan_b):
    client = as_user(office_district)
    form = client.get(reverse("rotation:add") + f"?plan={plan_b.pk}")
    assert form.context["form"].initial["plan"] == plan_b


def test_a_rotation_form_ignores_a_plan_out_of_sight(as_user, office_a, plan_b):
    form = as_user(office_a).get(reverse("rotation:add") + f"?plan={plan_b.pk}")
    assert form.status_code == 200
    assert "plan" not in form.context["form"].initial
