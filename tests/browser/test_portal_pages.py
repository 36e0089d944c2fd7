"""The public sub-sites in Chromium: home, a category, the Tân Kỳ article, search, the
commune's site on its own host name and the 404 page, at 1366 px and 360 px.

Each page: a screenshot (build/screenshots/portal/), no sideways scrolling, the skip link is
the first thing Tab reaches and it moves focus to <main>, and axe-core (npm, pinned by
tests/browser/package-lock.json, installed by `make install`) finds no serious or critical
violation. axe is injected with Playwright's add_script_tag; our Content-Security-Policy refuses
scripts that are not ours, so THIS test's browser context alone uses `bypass_csp=True`
(test_security_headers.py checks the policy itself, without bypassing it).
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import launched_chromium, playwright_sync_api
from tests.browser.helpers import fits, shot
from tests.ci import unavailable

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1366, 360)
ARTICLE = "/tin-hoat-dong/sang-tao-doi-moi-phuong-thuc-lanh-dao-o-tan-ky/"
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "img"


@pytest.fixture
def browser():
    playwright_sync_api()  # fails on CI without Chromium, skips elsewhere
    if not AXE.exists():
        unavailable(f"axe-core is not installed at {AXE} (make install runs npm ci)")
    with launched_chromium() as browser:
        yield browser


def new_page(browser, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True, locale="vi-VN"
    )
    return context.new_page()


def axe_problems(page):
    """Serious and critical violations, one line each: rule, impact, node, help."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for violation in result["violations"]:
        if violation["impact"] not in {"serious", "critical"}:
            continue
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}) at {json.dumps(node['target'])}: "
                f"{violation['help']} – {node.get('failureSummary', '').strip()} "
                f"[{violation['helpUrl']}]"
            )
    return lines


def check(page, url, name, width, *, status=200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    assert page.locator("html").get_attribute("lang") == "vi"
    shot(page, "portal", name, width)
    fits(page, width)
    # Keyboard: the skip link is the first stop and takes the focus to the content.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main", f"{url}: the first Tab stop is {focused!r}, not the skip link"
    assert page.locator(".skip-link").is_visible(), "the focused skip link is not shown"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main", f"{url}: focus not on <main>"
    problems = axe_problems(page)
    assert not problems, f"axe-core on {url} at {width} px:\n" + "\n".join(problems)


def test_portal_pages_at_both_widths(demo_site, live_server, browser):
    base = live_server.url
    port = urlsplit(base).port
    commune = f"http://tanky.localhost:{port}"
    for width in WIDTHS:
        page = new_page(browser, width)

        check(page, f"{base}/", "home", width)
        assert "Ban tổ chức tỉnh ủy" in page.locator(".banner__text").text_content()
        assert page.locator("main h2, main h1").count() >= 1

        check(page, f"{base}/tin-hoat-dong/", "category", width)
        assert page.locator("main h1").inner_text().strip() == "Tin hoạt động"

        check(page, f"{base}{ARTICLE}", "article", width)
        main = page.locator("main").inner_text()
        assert "Sáng tạo, đổi mới phương thức lãnh đạo" in page.locator("main h1").inner_text()
        assert "Nguồn: baonghean.vn" in main
        assert "02/12/2019" in main
        related = page.get_by_role("heading", name="Tin cùng chuyên mục")
        assert related.is_visible()

        check(page, f"{base}/tim-kiem/?q=tan+ky", "search", width)
        results = page.locator(".search-result")
        assert results.count() >= 1
        assert "Tân Kỳ" in results.first.inner_text()
        assert page.locator("#search-q").input_value() == "tan ky"

        check(page, f"{commune}/", "commune-home", width)
        assert "Tin tức - Sự kiện" in page.locator("main").inner_text()
        assert "Sáng tạo, đổi mới" not in page.locator("main").inner_text()

        check(page, f"{base}/khong-co-trang-nay/", "404", width, status=404)
        assert "Không tìm thấy trang" in page.locator("main h1").inner_text()
        check(page, f"{commune}{ARTICLE}", "commune-404", width, status=404)
        assert "Tin tức - Sự kiện" in page.locator(".site-nav").inner_text()

        page.context.close()


def test_the_axe_check_reports_what_it_finds(browser):
    """The check itself: a page with an image without alt text and an unlabelled field fails,
    naming the rule, the node and the help."""
    page = new_page(browser, 1366)
    page.set_content(
        '<!DOCTYPE html><html lang="vi"><head><title>Thử</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="no-alt">'
        '<input type="text" id="no-label"></main></body></html>'
    )
    problems = "\n".join(axe_problems(page))
    assert "image-alt (critical)" in problems and "#no-alt" in problems
    assert "label (critical)" in problems and "#no-label" in problems
    assert "dequeuniversity.com" in problems
    page.context.close()
