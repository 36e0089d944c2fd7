"""A login linked to a person: the operator picks the committee member on the user form."""

from datetime import date

from django.urls import reverse

from dangbo.accounts.models import User, UserRole
from dangbo.supervision.models import SupervisionAssignment
from tests.accounts.test_users import NEW_USER, _grants
from tests.factories import PersonFactory, UserFactory


def test_operator_links_a_new_user_to_a_committee_member(client, superuser, tree):
    member = PersonFactory(code="CUV-9", full_name="Trần Thị Giám", unit=tree.district)
    SupervisionAssignment.objects.create(
        person=member, unit=tree.commune_a, start_date=date(2016, 1, 1)
    )
    client.force_login(superuser)
    form = client.get(reverse("wagtailusers_users:add"))
    assert "Trần Thị Giám (CUV-9)" in form.content.decode()
    client.post(
        reverse("wagtailusers_users:add"),
        {
            **NEW_USER,
            "person": member.pk,
            **_grants({"unit": tree.district.pk, "role": UserRole.COMMITTEE_MEMBER}),
        },
    )
    assert User.objects.get(username=NEW_USER["username"]).person == member


def test_a_person_is_linked_to_one_login_only(client, superuser, tree):
    member = PersonFactory(unit=tree.district)
    SupervisionAssignment.objects.create(
        person=member, unit=tree.commune_a, start_date=date(2016, 1, 1)
    )
    UserFactory(unit=tree.district, role=UserRole.COMMITTEE_MEMBER, person=member)
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:add"), {**NEW_USER, "person": member.pk, **_grants()}
    )
    assert response.status_code == 200  # the form again, with the error
    assert not User.objects.filter(username=NEW_USER["username"]).exists()
