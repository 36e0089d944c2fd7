"""The helper body's main task in a real browser (issue 8 items 7, 11): `bdv.huyen` opens the
commune it helps, records this year's progress from the button on the commune's page, and
sees it on the help's page beside the commune's ratings; at 1366 px and at 360 px.
Screenshots go to build/screenshots/co-quan-giup-do/ (docs/guide/co-quan-giup-do.md)."""

from dangbo.assessment.models import AssistanceProgress
from dangbo.org.models import Unit
from tests.browser.helpers import fits, log_in, shot

ROLE = "co-quan-giup-do"


def test_helper_body_records_progress_from_the_units_page(demo_site, live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 800})
    log_in(page, live_server.url, "bdv.huyen")
    unit = Unit.objects.get(code="X-HUONGSON")

    for width, year in ((1366, "2019"), (360, "2020")):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/admin/unit/inspect/{unit.pk}/")
        button = page.get_by_role("link", name="Ghi kết quả giúp đỡ")
        assert button.count() == 1
        fits(page, width)
        shot(page, ROLE, "1-don-vi", width, full_page=False)
        button.click()
        page.wait_for_selector("textarea[name=note]")
        page.fill("input[name=year]", year)
        page.fill("textarea[name=note]", f"Năm {year}: củng cố Mặt trận và các đoàn thể.")
        fits(page, width)
        shot(page, ROLE, "2-ghi-ket-qua", width, full_page=False)
        page.get_by_role("button", name="Lưu").click()
        page.wait_for_url("**/admin/assistance/inspect/**")
        main = page.inner_text("main")
        assert "Đã lưu kết quả giúp đỡ." in page.inner_text("body")
        assert f"Năm {year}: củng cố Mặt trận" in main
        fits(page, width)
        shot(page, ROLE, "3-giup-do", width)
        assert AssistanceProgress.objects.filter(
            assistance__unit=unit, assistance__helper__code="BDV-HU", year=int(year)
        ).exists()
