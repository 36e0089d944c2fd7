"""Charts in a real browser (issue 10 item 3): the tenure review, the quarter board and the
inspection commission's home at 1366 px (chart and table side by side on the reviews) and
360 px (one above the other, no sideways scrolling). Screenshots under
build/screenshots/charts/."""

import pytest

from tests.browser.helpers import fits, log_in, shot

SCREENS = [
    (
        "btc.huyen",
        "/admin/reviews/tenure/?as_of=31/12/2020&include_deputies=on",
        "chart-tenure",
        True,
    ),
    (
        "btv.huyen",
        "/admin/supervision_board/?period=2020Q4&as_of=31/12/2020",
        "chart-supervision-quarters",
        True,
    ),
    # The home's column is narrow: the table goes below the chart there at any width. A cold
    # home: the findings (and the chart) come in a fragment after the page.
    ("ubkt.huyen", "/admin/", "chart-home-discipline", False),
]


@pytest.mark.parametrize(("login", "address", "ident", "beside"), SCREENS)
def test_the_chart_and_its_table_read_at_both_widths(
    demo_site, live_server, browser_page, login, address, ident, beside
):
    page = browser_page
    log_in(page, live_server.url, login)
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + address)
        figure = page.locator(f"#{ident}")
        figure.wait_for()
        # Styled (on the home by the page's own styles: a fragment's <style> is refused).
        assert figure.evaluate("e => getComputedStyle(e).containerType") == "inline-size"
        if not beside:  # the home folds the figures: open them
            figure.locator("summary").click()
        drawing = figure.locator("svg")
        table = figure.locator("table")
        shot(page, "charts", ident, width)
        box, table_box = drawing.bounding_box(), table.bounding_box()
        assert box["width"] > 0.6 * min(width, 480) - 40  # the drawing scales to its column
        if width == 1366 and beside:
            assert table_box["x"] > box["x"] + box["width"] - 1  # beside the chart
        else:
            assert table_box["y"] >= box["y"] + box["height"] - 1  # below it
            assert box["width"] <= width
        fits(page, width)
        figure.scroll_into_view_if_needed()
        figure.screenshot(path=str(shot_path(ident, width)))
        table.scroll_into_view_if_needed()
        page.screenshot(path=str(shot_path(ident, f"table-{width}")))
    # In print: the table under the chart, both whole (no scrolling region cuts it).
    page.set_viewport_size({"width": 1366, "height": 900})
    page.emulate_media(media="print")
    figure = page.locator(f"#{ident}")
    if not beside:
        return  # the home's figures are folded; the home is not printed
    box = figure.locator("svg").bounding_box()
    table = figure.locator("table")
    assert table.bounding_box()["y"] >= box["y"] + box["height"] - 1
    region = figure.locator(".dangbo-chart__scroll")
    assert region.evaluate("e => e.scrollWidth <= e.clientWidth")
    page.pdf(path=str(shot_path(ident, "print").with_suffix(".pdf")), format="A4")
    page.emulate_media(media="screen")


def shot_path(ident, width):
    from tests.browser.helpers import SHOTS

    folder = SHOTS / "charts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{ident}-figure-{width}.png"


def test_the_charts_pass_axe(demo_site, live_server, browser_page):
    """axe-core finds no serious or critical violation in the charts and their tables (the
    rating review: a quota mark; the home: folded figures). As in test_portal_pages, only
    this context bypasses the Content-Security-Policy, to inject axe."""
    from tests.browser.test_portal_pages import AXE

    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (make install runs npm ci)")
    context = browser_page.context.browser.new_context(bypass_csp=True, locale="vi-VN")
    page = context.new_page()
    log_in(page, live_server.url, "btc.huyen")
    for address in ("/admin/reviews/ratings/?year=2018", "/admin/?reviews=1"):
        for width in (1366, 360):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + address)
            page.locator("figure.dangbo-chart").first.wait_for()
            problems = chart_problems(page)
            assert not problems, "\n".join(problems)
    context.close()


def chart_problems(page):
    """axe's serious and critical violations within the page's charts, one line each."""
    from tests.browser.test_portal_pages import AXE

    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run({include: [...document.querySelectorAll('figure.dangbo-chart')]"
        ".map(e => [ '#' + e.id ])}, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']} ({v['impact']}) at {node['target']}: {v['help']}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
        for node in v["nodes"]
    ]
