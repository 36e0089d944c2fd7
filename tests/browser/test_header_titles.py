"""A long page title in Wagtail's header wraps at 360 px instead of being cut off (issue 8
item 3: readable at 360 px); dangbo/core/static/dangbo/css/admin.css."""

from django.db.models.functions import Length

from dangbo.org.models import Unit
from tests.browser.helpers import log_in, shot

# The current page's breadcrumb: the page's title in Wagtail's slim header.
TITLE = ".w-slim-header .w-breadcrumbs li:last-child"


def test_a_long_title_wraps_in_the_header_at_360_px(demo_site, live_server, browser_page):
    page = browser_page
    unit = Unit.objects.filter(code__startswith="X-").order_by(-Length("name"), "code").first()
    log_in(page, live_server.url, "btc.huyen")
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/admin/unit/inspect/{unit.pk}/")
        title = page.locator(TITLE)
        assert unit.name in title.inner_text()
        box = title.bounding_box()
        assert box["x"] + box["width"] <= width, (width, box)
        whole, shown = title.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert whole <= shown + 1, f"the title is cut at {width} px ({whole} > {shown})"
        shot(page, "btc.huyen", f"header-title-{width}")
    assert box["height"] > 30  # at 360 px the name takes more than one line
