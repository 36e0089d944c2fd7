from datetime import date

from django.urls import reverse

from dangbo.accounts.models import User, UserRole
from dangbo.core import audit
from tests.factories import UserFactory


def test_every_role_with_a_unit_reaches_the_back_office(client, tree):
    for role in UserRole.values:
        user = UserFactory(role=role, unit=tree.commune_a)
        client.force_login(user)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200, role


def test_a_user_without_unit_or_role_is_kept_out(client, tree):
    for user in (UserFactory(role="", unit=tree.commune_a), UserFactory(unit=None)):
        client.force_login(user)
        assert client.get(reverse("wagtailadmin_home")).status_code == 302


def _grants(*rows, initial=0):
    data = {
        "grants-TOTAL_FORMS": str(len(rows)),
        "grants-INITIAL_FORMS": str(initial),
        "grants-MIN_NUM_FORMS": "0",
        "grants-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"grants-{i}-{k}": v for k, v in row.items()})
    return data


NEW_USER = {
    "username": "btc.dongvan",
    "email": "btc@example.org",
    "first_name": "Thử",
    "last_name": "Nghiệm",
    "password1": "một-mật-khẩu-dài-2026",
    "password2": "một-mật-khẩu-dài-2026",
    "is_active": "on",
}


def test_operator_creates_a_user_with_two_grants(client, superuser, tree):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            **NEW_USER,
            **_grants(
                {"unit": tree.commune_a.pk, "role": UserRole.ORGANIZATION_OFFICE},
                {
                    "unit": tree.district.pk,
                    "role": UserRole.COMMITTEE_MEMBER,
                    "valid_from": "01/01/2021",
                },
            ),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="btc.dongvan")
    assert sorted((g.unit.code, g.role, g.valid_from) for g in user.grants.all()) == [
        ("HU-TK", UserRole.COMMITTEE_MEMBER, date(2021, 1, 1)),
        ("X-DV", UserRole.ORGANIZATION_OFFICE, None),
    ]
    # Each grant given is in the audit log, by the operator.
    grant = user.grants.get(role=UserRole.ORGANIZATION_OFFICE)
    assert [e.user for e in audit.history(grant)] == [superuser]


def test_operator_ends_a_grant(client, superuser, tree):
    user = UserFactory(unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    grant = user.grants.get()
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:edit", args=(user.pk,)),
        {
            "username": user.username,
            "email": "x@example.org",
            "first_name": "A",
            "last_name": "B",
            "is_active": "on",
            **_grants(
                {
                    "id": grant.pk,
                    "unit": tree.commune_a.pk,
                    "role": UserRole.ORGANIZATION_OFFICE,
                    "valid_to": "31/12/2020",
                },
                initial=1,
            ),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    grant.refresh_from_db()
    assert grant.valid_to == date(2020, 12, 31)
    # An ended grant gives no access any more: the user is kept out of the back office.
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_grant_without_role_is_refused(client, superuser, tree):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {**NEW_USER, **_grants({"unit": tree.commune_a.pk, "role": ""})},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="btc.dongvan").exists()


def test_office_staff_cannot_manage_users(client, office_a):
    client.force_login(office_a)
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code in (302, 403)
