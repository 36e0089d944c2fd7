"""The back office says dangbo, not Wagtail: titles, logo, login, and no English guides."""

import re

from django.urls import reverse


def test_login_and_pages_are_branded_dangbo(client, office_a):
    login = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "dangbo/img/logo.svg" in login
    assert "Wagtail" not in login.split("<title>")[1].split("</title>")[0]
    client.force_login(office_a)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    title = home.split("<title>")[1].split("</title>")[0]
    assert title.strip().endswith("dangbo")
    assert "dangbo/img/logo.svg" in home
    assert "guide.wagtail.org" not in home, re.findall(
        r".{0,300}guide.wagtail.org.{0,80}", home, re.S
    )
    assert "What&#x27;s new in Wagtail" not in home and "What's new in Wagtail" not in home


def test_the_login_form_is_vietnamese(client, db):
    page = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Mật khẩu" in page
    assert ">Password<" not in page and "Password\n" not in page
