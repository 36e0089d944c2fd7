"""An edit or an end posted without the record's version is refused, and nothing is written.

Today's forms always carry it; a crafted POST (a script, a form saved from an old page)
would otherwise overwrite whatever changed since, silently.
"""

from django.urls import reverse

from dangbo.core import audit
from dangbo.org.models import UnitKind
from tests.people.test_views import person_data

MESSAGE = "Bản ghi thiếu phiên bản"
ADVICE = "Hãy mở lại trang rồi sửa."


def refused_for_version(response) -> bool:
    page = response.content.decode()
    return response.status_code == 200 and MESSAGE in page and ADVICE in page


def test_a_person_edit_without_version_changes_nothing(as_user, office_a, tree, person_a):
    client = as_user(office_a)
    url = reverse("person:edit", args=[person_a.pk])
    before = audit.fingerprint(person_a)
    entries = audit.history(person_a).count()
    data = person_data(code=person_a.code, full_name="Ghi đè", unit=tree.commune_a.pk)

    response = client.post(url, data)
    assert refused_for_version(response)
    # The re-shown form still has no version: sending it again is refused again.
    assert response.context["record_version"] == ""
    assert refused_for_version(client.post(url, data))
    person_a.refresh_from_db()
    assert audit.fingerprint(person_a) == before
    assert audit.history(person_a).count() == entries

    # The same form with the version it was opened on saves.
    data["record_version"] = client.get(url).context["record_version"]
    assert client.post(url, data).status_code == 302
    person_a.refresh_from_db()
    assert person_a.full_name == "Ghi đè"


def test_a_unit_edit_with_an_empty_version_changes_nothing(as_user, office_a, tree):
    unit = tree.branch_a
    response = as_user(office_a).post(
        reverse("unit:edit", args=[unit.pk]),
        {
            "code": unit.code,
            "name": "Chi bộ bị ghi đè",
            "kind": UnitKind.BRANCH,
            "parent": tree.commune_a.pk,
            "record_version": "",
        },
    )
    assert refused_for_version(response)
    unit.refresh_from_db()
    assert unit.name == "Chi bộ xóm 1"


def test_ending_a_post_without_version_changes_nothing(as_user, office_a, person_a):
    post = person_a.positions.get()
    client = as_user(office_a)
    url = reverse("position:end", args=[post.pk])
    response = client.post(url, {"end_date": "31/12/2023"})
    assert refused_for_version(response)
    post.refresh_from_db()
    assert post.end_date is None

    version = client.get(url).context["form"].initial["record_version"]
    response = client.post(url, {"end_date": "31/12/2023", "record_version": version})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.end_date is not None


def test_ending_a_unit_without_version_changes_nothing(as_user, office_a, tree):
    response = as_user(office_a).post(
        reverse("unit:end", args=[tree.branch_a.pk]), {"end_date": "30/06/2025"}
    )
    assert refused_for_version(response)
    tree.branch_a.refresh_from_db()
    assert tree.branch_a.valid_to is None
