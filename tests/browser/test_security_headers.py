"""The admin under its Content-Security-Policy in a real browser: no violation, nothing broken.

Wagtail's admin puts inline scripts in places (its date pickers); the policy refuses every
inline script without the page's nonce, so this walks the kinds of page an office user
opens and fails on any refused script, style, image or connection, and on any script error.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, Site

from tests.browser.conftest import launched_chromium
from tests.browser.helpers import log_in
from tests.browser.test_back_office import PASSWORD, shot
from tests.factories import PersonFactory, PositionFactory


@pytest.fixture
def page():
    with launched_chromium() as browser:  # fails on CI without Chromium, skips elsewhere
        yield browser.new_page(viewport={"width": 1280, "height": 900})


LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(
    `${e.effectiveDirective} refused ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


def watch(page):
    """Everything the browser reports as refused or broken, collected in one list."""
    problems = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda m: (
            problems.append(f"console: {m.text}")
            if m.type == "error" or "Content Security Policy" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on(
        "response",
        lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    return problems


def visitor(page, live_server, problems):
    def visit(path, name):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status < 400, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "camera=()" in response.headers["permissions-policy"]
        page.wait_for_load_state("networkidle")
        problems.extend(f"{path}: {v}" for v in page.evaluate("window.__violations"))
        shot(page, f"csp-{name}")

    return visit


def test_admin_pages_open_without_csp_violations(
    transactional_db, live_server, page, tree, office_a
):
    person = PersonFactory(code="P-A1", full_name="Nguyễn Văn An", unit=tree.commune_a)
    PositionFactory(person=person, unit=tree.commune_a, title="Bí thư Đảng ủy")
    problems = watch(page)
    visit = visitor(page, live_server, problems)

    visit("/admin/login/", "1-login")
    log_in(page, live_server.url, "office_a", PASSWORD)
    problems.extend(page.evaluate("window.__violations"))

    visit("/admin/", "2-dashboard")
    visit("/admin/person/", "3-listing")
    visit(f"/admin/person/edit/{person.pk}/", "4-edit")
    assert page.locator("input[name=full_name]").input_value() == "Nguyễn Văn An"
    visit("/admin/unit_tree/", "5-unit-tree")
    # Our inline style (with the nonce) applies: the tree's list has no bullets.
    tree_list = page.locator(".dangbo-tree")
    assert tree_list.evaluate("e => getComputedStyle(e).listStyleType") == "none"

    # A form with date pickers: the picker opens although Wagtail's inline script is gone.
    visit(f"/admin/position/new/?person={person.pk}", "6-date-picker")
    date_input = page.locator("input[name=start_date]")
    date_input.click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    picker.wait_for(timeout=5000)
    picker.locator(".xdsoft_date:not(.xdsoft_disabled)").first.click()
    assert date_input.input_value()  # a date was picked
    shot(page, "csp-7-date-picked")
    problems.extend(page.evaluate("window.__violations"))
    # Wagtail's own screens too: a history with its date-range filter.
    visit(f"/admin/person/history/{person.pk}/", "8-history")

    assert problems == []


def a_home_page():
    """Wagtail's root and home page (made by its migrations, gone after another browser test
    emptied the database)."""
    home = Page.objects.filter(depth=2).first()
    if home is None:
        Locale.objects.get_or_create(language_code="vi")
        root = Page.objects.filter(depth=1).first() or Page.add_root(
            instance=Page(title="Root", slug="root")
        )
        home = root.add_child(instance=Page(title="Trang chủ", slug="home"))
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def test_operator_screens_open_without_csp_violations(
    transactional_db, live_server, page, tree, superuser
):
    home = a_home_page()
    problems = watch(page)
    visit = visitor(page, live_server, problems)
    log_in(page, live_server.url, "admin", PASSWORD)
    visit(reverse("wagtailusers_users:index"), "op-1-users")
    visit(reverse("wagtailusers_users:add"), "op-2-user-add")
    visit(reverse("wagtailadmin_reports:site_history"), "op-3-site-history")
    visit(reverse("wagtailadmin_explore", args=[home.pk]), "op-4-pages")
    visit(reverse("wagtailadmin_pages:edit", args=[home.pk]), "op-5-page-edit")
    # The page editor is a script-built form: its title field is there and takes text.
    page.locator("#id_title").fill("Trang chủ mới")
    assert problems == []
