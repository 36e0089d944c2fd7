"""Login throttling (django-axes) and password rules, as a user meets them on Wagtail's forms."""

import datetime

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.models import User, UserRole
from tests.factories import UserFactory

PASSWORD = "mật-khẩu-thử-123"


@pytest.fixture(autouse=True)
def no_earlier_attempts(db):
    reset()
    yield
    reset()


def sign_in(client, username, password, ip="10.0.0.7"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def signed_in(client) -> bool:
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def test_wrong_passwords_lock_the_account_then_the_wait_ends(client, office_a):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for attempt in range(limit - 1):
        response = sign_in(client, "office_a", f"sai-{attempt}")
        assert response.status_code == 200  # the sign-in form again, with its error
    locked = sign_in(client, "office_a", "sai-cuối")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "Đã nhập sai mật khẩu 5 lần" in page
    assert "15 phút" in page
    assert "Traceback" not in page

    # The right password is refused during the cool-off: no session.
    refused = sign_in(client, "office_a", PASSWORD)
    assert refused.status_code == 429
    assert not signed_in(client)

    # After the cool-off (the attempts are dated earlier), the right password works.
    earlier = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    assert AccessAttempt.objects.update(attempt_time=earlier) == 1
    accepted = sign_in(client, "office_a", PASSWORD)
    assert accepted.status_code == 302
    assert signed_in(client)


def test_the_lock_is_for_one_username_from_one_address(client, office_a, secretary_a):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "office_a", f"sai-{attempt}")
    assert sign_in(client, "office_a", PASSWORD).status_code == 429
    # Another user on the same computer, and the same user elsewhere, still sign in.
    assert sign_in(client, "secretary_a", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "office_a", PASSWORD, ip="10.0.0.8").status_code == 302


def test_operator_unlocks_a_user_with_axes_reset_username(client, office_a):
    from django.core.management import call_command

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "office_a", f"sai-{attempt}")
    assert sign_in(client, "office_a", PASSWORD).status_code == 429
    call_command("axes_reset_username", "office_a")
    assert sign_in(client, "office_a", PASSWORD).status_code == 302


def test_a_success_before_the_limit_clears_the_failures(client, office_a):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "office_a", f"sai-{attempt}")
    assert sign_in(client, "office_a", PASSWORD).status_code == 302
    client.logout()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "office_a", f"sai-{attempt}").status_code == 200
    assert sign_in(client, "office_a", PASSWORD).status_code == 302


# --- Passwords ---------------------------------------------------------------------------

WEAK = [
    ("2024202520", "Mật khẩu này hoàn toàn là số."),
    ("password123", "Mật khẩu này quá phổ biến."),
    ("ngan-qua", "Mật khẩu này quá ngắn: cần ít nhất 10 ký tự."),
]


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_operator_cannot_give_a_new_user_a_weak_password(
    client, superuser, tree, password, message
):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "btc.moi",
            "email": "moi@example.org",
            "first_name": "Thử",
            "last_name": "Nghiệm",
            "password1": password,
            "password2": password,
            "unit": tree.commune_a.pk,
            "role": UserRole.ORGANIZATION_OFFICE,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="btc.moi").exists()


def change_password(client, new_password):
    """The account page posts every panel at once; the password panel is the one that counts."""
    return client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Văn",
            "name_email-last_name": "An",
            "name_email-email": "an@example.org",
            "locale-preferred_language": "vi",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
            "password-old_password": PASSWORD,
            "password-new_password1": new_password,
            "password-new_password2": new_password,
        },
    )


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_a_user_cannot_change_to_a_weak_password(client, office_a, password, message):
    client.force_login(office_a)
    response = change_password(client, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    office_a.refresh_from_db()
    assert office_a.check_password(PASSWORD)


def test_a_user_changes_to_a_good_password(client, office_a):
    client.force_login(office_a)
    response = change_password(client, "cây-đa-đầu-làng-1975")
    assert response.status_code == 302
    office_a.refresh_from_db()
    assert office_a.check_password("cây-đa-đầu-làng-1975")


def test_user_factory_password_still_passes_the_rules():
    from django.contrib.auth.password_validation import validate_password

    validate_password(PASSWORD, UserFactory.build(username="x"))
