from django.urls import reverse

from dangbo.accounts.models import User, UserRole
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


def test_operator_creates_a_user_with_unit_and_role(client, superuser, tree):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "btc.dongvan",
            "email": "btc@example.org",
            "first_name": "Thử",
            "last_name": "Nghiệm",
            "password1": "một-mật-khẩu-dài-2026",
            "password2": "một-mật-khẩu-dài-2026",
            "unit": tree.commune_a.pk,
            "role": UserRole.ORGANIZATION_OFFICE,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="btc.dongvan")
    assert (user.unit, user.role) == (tree.commune_a, UserRole.ORGANIZATION_OFFICE)


def test_unit_without_role_is_refused(client, superuser, tree):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "half",
            "email": "half@example.org",
            "password1": "một-mật-khẩu-dài-2026",
            "password2": "một-mật-khẩu-dài-2026",
            "unit": tree.commune_a.pk,
            "role": "",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="half").exists()


def test_office_staff_cannot_manage_users(client, office_a):
    client.force_login(office_a)
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code in (302, 403)
