"""The inspection commission publishes a discipline list and corrects it, in a real browser
(docs/guide/danh-sach-ky-luat.md uses the screenshots): `ubkt.huyen` generates the district's
list of 2019 from the cases, approves it, publishes it on the sub-site; a reader sees names,
units, forms, dates and deciding bodies, never the violation; a correction to a case makes a
new revision of the public page, marked as corrected. At 1366 and 360 px."""

from dangbo.discipline.models import DisciplineCase, ListStatus, PublishedList
from dangbo.org.models import Unit
from tests.browser.helpers import fits, log_in, shot

ROLE = "danh-sach-ky-luat"
INDEX = "/admin/discipline_published_list/"
NEW_BODY = "Ban Thường vụ Huyện ủy Tân Kỳ"


def step(page, link: str, button: str) -> None:
    """Follow the list's header button, then confirm on its page."""
    page.get_by_role("link", name=link).first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def test_the_commission_publishes_and_corrects_a_list(demo_site, live_server, browser_page):
    page, url = browser_page, live_server.url
    district = Unit.objects.get(code="HU-TK")
    log_in(page, url, "ubkt.huyen")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}{INDEX}new/")
    page.select_option("#id_unit", str(district.pk))
    page.fill("#id_year", "2019")
    page.select_option("#id_period", "Y")
    fits(page, 1366)
    shot(page, ROLE, "1-tao-1366")
    page.get_by_role("button", name="Tạo bản nháp").click()
    page.wait_for_load_state()
    made = PublishedList.objects.get(unit=district, year=2019, period="Y")
    assert made.status == ListStatus.DRAFT and len(made.rows) == 2

    page.goto(f"{url}{INDEX}inspect/{made.pk}/")
    body = page.inner_text("main")
    for row in made.rows:
        assert row["name"] in body
    shot(page, ROLE, "2-ban-nhap-1366")
    step(page, "Phê duyệt", "Duyệt danh sách")
    page.goto(f"{url}{INDEX}inspect/{made.pk}/")
    step(page, "Công bố", "Công bố trên cổng thông tin")
    made.refresh_from_db()
    assert made.status == ListStatus.PUBLISHED and made.page.live
    page.goto(f"{url}{INDEX}inspect/{made.pk}/")
    shot(page, ROLE, "3-da-cong-bo-1366")

    _site, _root, public = made.page.specific.get_url_parts()  # on the live server
    case = DisciplineCase.objects.get(code="KL-2019-01")
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{url}{public}")
        text = page.inner_text("main")
        assert case.person.full_name in text and case.decided_by in text
        assert case.summary[:40] not in text  # never the violation
        fits(page, width)
        shot(page, ROLE, f"4-trang-cong-khai-{width}")

    # A correction: the case's deciding body, on the case's own page.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}/admin/discipline_case/edit/{case.pk}/")
    page.fill("input[name=decided_by]", NEW_BODY)
    shot(page, ROLE, "5-sua-vu-viec-1366")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    case.refresh_from_db()
    assert case.decided_by == NEW_BODY
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{url}{public}")
        text = page.inner_text("main")
        assert "Đã đính chính ngày" in text and NEW_BODY in text
        fits(page, width)
        shot(page, ROLE, f"6-da-dinh-chinh-{width}")
