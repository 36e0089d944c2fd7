"""The back office in a real browser: log in, the unit tree, the people list and search."""

from tests.browser import helpers
from tests.browser.helpers import log_in
from tests.factories import PersonFactory, PositionFactory

PASSWORD = "mật-khẩu-thử-123"  # tests/factories.py's users


def shot(page, name):
    helpers.shot(page, "back-office", name)


def test_office_user_walks_the_tree_and_finds_a_person(
    transactional_db, live_server, browser_page, tree, office_a
):
    person = PersonFactory(code="P-A1", full_name="Nguyễn Văn An", unit=tree.commune_a)
    PositionFactory(person=person, unit=tree.commune_a, title="Bí thư Đảng ủy")
    PersonFactory(code="P-A2", full_name="Lê Thị Hoa", unit=tree.branch_a)
    PersonFactory(code="P-B1", full_name="Nguyễn Thị Bình", unit=tree.commune_b)
    page = browser_page

    log_in(page, live_server.url, "office_a", PASSWORD)

    page.goto(f"{live_server.url}/admin/unit_tree/")
    tree_list = page.locator(".dangbo-tree")
    assert "Đảng bộ xã Đồng Văn" in tree_list.inner_text()
    assert "Chi bộ xóm 1" in tree_list.inner_text()
    assert "Tân Xuân" not in tree_list.inner_text()
    shot(page, "1-unit-tree")

    page.goto(f"{live_server.url}/admin/person/")
    shot(page, "2-people")
    page.goto(f"{live_server.url}/admin/person/?q=nguyen")
    listing = page.locator("table.listing").inner_text()
    assert "Nguyễn Văn An" in listing
    assert "Lê Thị Hoa" not in listing and "Nguyễn Thị Bình" not in listing
    shot(page, "3-people-search")

    page.click("text=Nguyễn Văn An")
    page.wait_for_url(f"{live_server.url}/admin/person/inspect/{person.pk}/")
    assert "Bí thư Đảng ủy" in page.inner_text("main")
    shot(page, "4-person")

    page.goto(f"{live_server.url}/admin/unit/inspect/{tree.commune_a.pk}/")
    shot(page, "5-unit")


def test_office_user_sees_the_event_and_unit_forms(
    transactional_db, live_server, browser_page, tree, office_a
):
    page = browser_page
    log_in(page, live_server.url, "office_a", PASSWORD)

    page.goto(f"{live_server.url}/admin/unit_event/new/")
    assert page.locator("input[name=new-0-code]").count() == 1
    shot(page, "6-event-form")
    page.goto(f"{live_server.url}/admin/unit/edit/{tree.branch_a.pk}/")
    assert page.locator("input[name=code]").is_disabled()
    shot(page, "7-unit-edit")
