"""Production settings pass Django's deployment check; every page carries the security headers."""

import json
import os
import re
import secrets
import string
import subprocess
import sys

import pytest
from django.urls import reverse

# What a production server would not have (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE
# in this process, which the deployment check rightly refuses).
ENV_KEYS = (
    "DANGBO_HTTPS",
    "DANGBO_SECURE_COOKIES",
    "DANGBO_DEBUG",
    "DANGBO_SECRET_KEY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ENV_KEYS}
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env.update(
        DANGBO_DATA_DIR=str(tmp_path),
        DANGBO_SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        DANGBO_ALLOWED_HOSTS="dangbo.example.vn",
        DJANGO_SETTINGS_MODULE="dangbo.settings",
        **extra,
    )
    return env


def run(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "dangbo", *args], env=env, capture_output=True, text=True
    )


def test_https_settings_pass_the_deployment_check(tmp_path):
    result = run(production_env(tmp_path, DANGBO_HTTPS="1"), "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_without_https_the_deployment_check_complains(tmp_path):
    result = run(production_env(tmp_path), "check", "--deploy")
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k, None) for k in ("
    "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', "
    "'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', 'SESSION_COOKIE_SECURE', "
    "'CSRF_COOKIE_SECURE')}))"
)


def settings_with(tmp_path, **extra):
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        env=production_env(tmp_path, **extra),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_dangbo_https_turns_on_hsts_redirect_proxy_header_and_secure_cookies(tmp_path):
    assert settings_with(tmp_path, DANGBO_HTTPS="1") == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_the_older_secure_cookies_switch_still_works_alone(tmp_path):
    values = settings_with(tmp_path, DANGBO_SECURE_COOKIES="1")
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert not values["SECURE_SSL_REDIRECT"] and not values["SECURE_HSTS_SECONDS"]


# --- headers -----------------------------------------------------------------------------


def policy(response) -> dict:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_carries_csp_and_permissions_policy(client, office_a, signed_in):
    if signed_in:
        client.force_login(office_a)
    for url in (reverse("wagtailadmin_login"), reverse("wagtailadmin_home"), "/"):
        response = client.get(url)
        csp = policy(response)
        assert csp["default-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in csp["script-src"] + csp["style-src"], url
        assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'self'"]
        features = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in features, url


def test_our_inline_styles_carry_the_pages_nonce(as_user, office_a):
    response = as_user(office_a).get("/admin/unit_tree/")
    nonces = [v for v in policy(response)["style-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    page = response.content.decode()
    styles = re.findall(r"<style([^>]*)>", page)
    assert styles and all(f'nonce="{nonce}"' in attrs for attrs in styles)
    # A new nonce on every page.
    again = as_user(office_a).get("/admin/unit_tree/")
    assert nonce not in again["Content-Security-Policy"]


def test_date_pickers_have_no_inline_script(as_user, office_a):
    page = as_user(office_a).get(reverse("position:add")).content.decode()
    assert 'data-controller="dangbo-picker"' in page
    assert "initDateChooser(" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page)
