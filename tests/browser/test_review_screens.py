"""Two review screens in a real browser at 1366 and 360 px: they fit without sideways
scrolling, and at 360 px each row is a card whose cells carry their column's heading."""

from tests.browser.helpers import fits, log_in, shot

SCREENS = [
    ("discipline", "/admin/reviews/discipline/?as_of=31/12/2020", "Khiển trách"),
    ("tenure", "/admin/reviews/tenure/?as_of=30/06/2020&include_deputies=on", "Cấp trưởng"),
]


def test_review_screens_fit_wide_and_narrow_screens(demo_site, live_server, browser_page):
    page = browser_page
    log_in(page, live_server.url, "btc.huyen")
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 800})
        for name, url, label in SCREENS:
            page.goto(f"{live_server.url}{url}")
            table = page.locator("table.dangbo-review")
            assert label in table.inner_text()
            shot(page, "btc.huyen", f"review-{name}", width)
            fits(page, width)
            right = page.evaluate(
                "document.querySelector('table.dangbo-review').getBoundingClientRect().right"
            )
            assert right <= width, f"{name} at {width} px: the table ends at {right} px"
            heading_shown = page.evaluate(
                "getComputedStyle(document.querySelector('table.dangbo-review thead'))"
                ".position !== 'absolute'"
            )
            cell_label = page.evaluate(
                "getComputedStyle(document.querySelector('table.dangbo-review tbody td'),"
                " '::before').content"
            )
            if width == 360:
                assert not heading_shown, name
                assert cell_label == '"STT"', cell_label
            else:
                assert heading_shown and cell_label in ("none", "normal")
