"""Every admin page each demo login reaches is in Vietnamese (issue 8, item 9).

The crawl's walker (tests/core/test_crawl.py) opens every page a login is shown, new pages
included; on each, the visible text — text nodes, the title, aria-label, placeholder and alt
attributes, and the labels of the sidebar's menu (rendered from JSON) — must hold no common
English UI word and no internal code (a value of one of our models' choices, `khien_trach`,
`dang_bo_xa`, `too_short`). The strings Wagtail's JavaScript renders (the sidebar's "Toggle
sidebar", "Main menu", "(2 new items in this menu)") are checked in
tests/test_locale_wagtail.py.
"""

import pytest

from dangbo.accounts.models import User
from dangbo.demo.users import DEMO_LOGINS
from tests.core.test_crawl import walk
from tests.core.vietnamese import FOUND, collector, internal_codes, problems_in


def test_the_checker_finds_english_and_codes():
    codes = internal_codes()
    assert {"khien_trach", "dang_bo_xa"} <= codes or "khien_trach" in codes
    html = (
        "<html><head><title>Trang - Wagtail</title></head><body>"
        '<button aria-label="Toggle sidebar"></button><p>Hình thức: khien_trach</p>'
        '<p>Nguyễn Văn An <small class="code">P0001</small></p><script>var Save;</script>'
        "</body></html>"
    )
    found = problems_in(html, codes)
    assert any("'Wagtail'" in f for f in found)
    assert any("'Toggle'" in f for f in found)
    assert any("khien_trach" in f for f in found)
    assert not any("Save" in f for f in found)
    assert not problems_in("<p>Đảng viên Nguyễn Văn An (P0001), xã Đồng Văn</p>", codes)


LOGINS = [login.username for login in DEMO_LOGINS]


@pytest.mark.parametrize("username", LOGINS)
def test_every_page_a_login_reaches_is_vietnamese(demo, client, username):
    if username not in FOUND:  # the crawl did not walk this login in this run
        client.force_login(User.objects.get(username=username))
        client.raise_request_exception = False
        walk(client, on_page=collector(username))
    found = FOUND[username]
    assert not found, "\n".join(
        f"{problem} — {len(urls)} page(s), e.g. {sorted(urls)[0]}"
        for problem, urls in sorted(found.items())
    )


def test_the_operators_wagtail_screens_are_vietnamese(client, superuser):
    """Screens a walk of 260 pages may not reach: a group's permissions (Django stores their
    names in English), Sites' columns (Wagtail names them from the fields), a new workflow's
    page field and a new site's form."""
    from django.contrib.auth.models import Group

    from dangbo.demo.users import name_portal_pages

    name_portal_pages()  # Wagtail names its first page and collection in English
    group = Group.objects.create(name="Nhóm thử")
    client.force_login(superuser)
    codes = internal_codes()
    for url in (
        f"/admin/groups/edit/{group.pk}/",
        "/admin/groups/new/",
        "/admin/sites/",
        "/admin/sites/new/",
        "/admin/workflows/add/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/reports/page-types-usage/",
        "/admin/collections/add/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        found = problems_in(response.content.decode(), codes)
        assert not found, (url, sorted(found)[:10])
