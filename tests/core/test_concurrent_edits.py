"""Two people editing the same record at once: the first save wins, the second is told."""

import pytest
from django.urls import reverse

from dangbo.core import audit
from dangbo.core.errors import ConflictError
from dangbo.org import services as org_services
from dangbo.people import services as people_services
from tests.people.test_views import person_data


def test_a_stale_version_is_refused_and_changes_nothing(office_a, person_a):
    opened = audit.fingerprint(person_a)
    people_services.person_update(actor=office_a, person=person_a, full_name="Người thứ nhất")
    with pytest.raises(ConflictError):
        people_services.person_update(
            actor=office_a,
            person=person_a,
            full_name="Người thứ hai",
            expected_version=opened,
        )
    person_a.refresh_from_db()
    assert person_a.full_name == "Người thứ nhất"
    assert [e.action for e in audit.history(person_a)] == [audit.UPDATE]


def test_the_current_version_is_accepted(office_a, tree):
    unit = tree.branch_a
    org_services.unit_update(
        actor=office_a,
        unit=unit,
        name="Chi bộ xóm Một",
        kind=unit.kind,
        parent=unit.parent,
        valid_from=None,
        valid_to=None,
        expected_version=audit.fingerprint(unit),
    )
    unit.refresh_from_db()
    assert unit.name == "Chi bộ xóm Một"


def test_second_editor_on_screen_is_told_and_the_first_change_stays(
    as_user, office_a, tree, person_a
):
    client = as_user(office_a)
    url = reverse("person:edit", args=[person_a.pk])
    opened = client.get(url)
    version = opened.context["record_version"]
    assert f'value="{version}"' in opened.content.decode()

    # The first editor saves while the second still has the form open.
    people_services.person_update(actor=office_a, person=person_a, full_name="Lê Văn Một")

    response = client.post(
        url,
        person_data(
            code=person_a.code,
            full_name="Lê Văn Hai",
            birth_date="17/05/1970",
            unit=tree.commune_a.pk,
            record_version=version,
        ),
    )
    assert response.status_code == 200
    assert "Người khác đã thay đổi bản ghi này" in response.content.decode()
    person_a.refresh_from_db()
    assert person_a.full_name == "Lê Văn Một"


def test_ending_a_post_someone_just_ended_is_refused(as_user, office_a, person_a):
    post = person_a.positions.get()
    client = as_user(office_a)
    form = client.get(reverse("position:end", args=[post.pk]))
    version = form.context["form"].initial["record_version"]
    people_services.position_end(actor=office_a, position=post, end_date=post.start_date)
    response = client.post(
        reverse("position:end", args=[post.pk]),
        {"end_date": "31/12/2023", "record_version": version},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    post.refresh_from_db()
    assert post.end_date == post.start_date
