"""The home of four demo logins in a real browser, at 1366 and 360 px (issue 8, items 1, 11
and 12): the commune secretaries find a member and open their page, the province office
reads its counts, the operator adds a user with a grant. Screenshots under
build/screenshots/<login>/ (the guides in docs/guide/ use a few of them)."""

import re

from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.models import Grant, User, UserRole
from dangbo.core.text import fold
from dangbo.home.selectors import search
from dangbo.org.models import Unit
from dangbo.people.models import Person
from dangbo.people.selectors import person_list_visible_to
from tests.browser.helpers import fits, log_in, shot

WIDTHS = (1366, 360)


def secretary_finds_a_member(page, url, login):
    user = User.objects.get(username=login)
    member = person_list_visible_to(user=user).filter(unit__isnull=False).order_by("code")[0]
    query = fold(member.full_name)  # typed without accents
    assert member in search(user, query).people
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        log_in(page, url, login)
        panel = page.locator(".dangbo-home-panel")
        text = panel.inner_text()
        assert "Việc cần làm" in text and "Phát hiện mới" in text and "Đơn vị của tôi" in text
        fits(page, width)
        shot(page, login, "1-home", width)
        page.fill("input[name=q]", query)
        page.press("input[name=q]", "Enter")
        page.wait_for_url("**/admin/search/?q=*")
        results = page.locator("main").inner_text()
        assert member.full_name in results and member.code in results
        fits(page, width)
        shot(page, login, "2-search", width)
        page.click(f"a:text-is('{member.full_name}')")
        page.wait_for_url(f"**/admin/person/inspect/{member.pk}/")
        assert member.full_name in page.locator("main").inner_text()
        shot(page, login, "3-person", width)


def test_home_of_four_demo_logins(demo_site, live_server, browser_page):
    page, url = browser_page, live_server.url

    # The commune secretaries: home, search a member (accents not typed), open their page.
    secretary_finds_a_member(page, url, "bithu.tanky")
    secretary_finds_a_member(page, url, "bithu.dongvan")

    # The province office: the counts of the whole province, as the database has them.
    province = Unit.objects.get(code="TU-NA")
    today = timezone.localdate()
    valid = [u for u in Unit.objects.filter(path__startswith=province.path) if u.is_valid_on(today)]
    members = Person.objects.filter(unit__in=valid).count()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        log_in(page, url, "btc.tinhuy")
        units_count = page.locator("[data-count=units] .dangbo-number").inner_text()
        members_count = page.locator("[data-count=members] .dangbo-number").inner_text()
        assert units_count.replace(".", "") == str(len(valid))
        assert members_count.replace(".", "") == str(members)
        assert page.locator("[data-due=evaluations]").count() == 1
        fits(page, width)
        shot(page, "btc.tinhuy", "1-home", width)
    page.click("[data-count=units] a")
    page.wait_for_url("**/admin/unit/")
    shot(page, "btc.tinhuy", "2-units", 360)

    # The operator: a new login for a commune's office, with its grant.
    commune = Unit.objects.get(code="X25-TANKY")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        log_in(page, url, "admin")
        shot(page, "admin", "1-home", width)
        page.goto(url + reverse("wagtailusers_users:add"))
        username = f"btc.xa{width}"
        page.fill("input[name=username]", username)
        page.fill("input[name=email]", f"{username}@example.org")
        page.fill("input[name=first_name]", "Văn")
        page.fill("input[name=last_name]", "Trần")
        page.fill("input[name=password1]", "Mat-khau-dai-2026!")
        page.fill("input[name=password2]", "Mat-khau-dai-2026!")
        page.select_option("select[name=grants-0-unit]", str(commune.pk))
        page.select_option("select[name=grants-0-role]", UserRole.ORGANIZATION_OFFICE)
        shot(page, "admin", "2-add-user", width)
        page.get_by_role("button", name="Thêm mới").click()
        page.wait_for_url(re.compile(r".*/admin/users/(\?.*)?$"))
        grant = Grant.objects.get(user__username=username)
        assert grant.unit == commune and grant.role == UserRole.ORGANIZATION_OFFICE
        log_in(page, url, username, "Mat-khau-dai-2026!")
        assert "Ban Tổ chức" in page.locator(".dangbo-home-panel").inner_text()
        fits(page, width)
