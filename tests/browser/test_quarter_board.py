"""Committee members and the standing committee in a real browser (issue 8 items 4, 11, 12):
`cuv.huyen` files their quarter report with an attachment and sees it counted on time;
`btv.huyen` opens the quarter board. Both at 1366 px (no sideways scrolling) and at 360 px
(cards); the screenshots are kept under build/screenshots/ for the guides in docs/guide/."""

import pytest
from django.utils import timezone

from dangbo.core.models import RuleSettings
from dangbo.org.models import Unit
from dangbo.people.models import Person
from dangbo.rules import supervision as rules
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport
from tests.browser.helpers import fits, log_in, shot

WIDTHS = (1366, 360)


def cards(page, selector):
    """At 360 px each row is a card: the table's heading row is hidden."""
    return page.evaluate(
        f"getComputedStyle(document.querySelector('{selector} thead')).position === 'absolute'"
    )


@pytest.fixture
def current_assignment(demo_site):
    """The demo's assignments ended with the 2016–2020 term; `cuv.huyen` is given an area for
    this quarter (the new commune Tân Kỳ), so there is a quarter to report on time. Near the
    end of a quarter the report day is moved to its last day, so that today is still on time."""
    today = timezone.localdate()
    period = rules.period_of(today)
    first, _last = rules.quarter_bounds(period)
    if today > rules.due_date(period, 25):
        settings = RuleSettings.load()
        settings.report_day = 31
        settings.save()
    SupervisionAssignment.objects.create(
        person=Person.objects.get(code="P0034"),
        unit=Unit.objects.get(code="X25-TANKY"),
        field="Xây dựng nông thôn mới",
        start_date=first,
    )
    return period


def test_committee_member_files_the_quarter_report_on_time(
    current_assignment, live_server, browser_page, tmp_path
):
    page, period = browser_page, current_assignment
    attachment = tmp_path / "bao-cao-giam-sat.txt"
    attachment.write_text("Biên bản làm việc với Đảng ủy xã.\n", encoding="utf-8")
    log_in(page, live_server.url, "cuv.huyen")

    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("link", name="Việc của tôi").first.click()
    page.wait_for_url(f"{live_server.url}/admin/my-work/")
    assert "Đảng bộ xã Tân Kỳ" in page.inner_text("main")
    fits(page, 1366)
    shot(page, "uy-vien", "viec-cua-toi", 1366, full_page=False)

    page.locator(f"a[href$='period={period}']").click()
    page.fill("textarea[name=summary]", "Quý này đã dự 2 cuộc sinh hoạt chi bộ; địa bàn ổn định.")
    page.set_input_files("input[name=files]", str(attachment))
    shot(page, "uy-vien", "nop-bao-cao", 1366, full_page=False)
    page.click("form[enctype] button.button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/my-work/")
    message = page.inner_text(".messages")
    assert "Đúng hạn".lower() in message.lower(), message

    report = SupervisionReport.objects.get(person__code="P0034", period=period)
    assert report.submitted_date == timezone.localdate()
    assert [f.name for f in report.files.all()] == ["bao-cao-giam-sat.txt"]
    row = page.locator("section", has_text="Đảng bộ xã Tân Kỳ").locator("tbody tr").first
    assert "Đúng hạn" in row.inner_text() and "bao-cao-giam-sat.txt" in row.inner_text()
    shot(page, "uy-vien", "da-nop", 1366, full_page=False)

    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    fits(page, 360)
    assert cards(page, "table.dangbo-review")
    shot(page, "uy-vien", "viec-cua-toi", 360, full_page=False)


def test_standing_committee_opens_the_quarter_board(demo_site, live_server, browser_page):
    page = browser_page
    log_in(page, live_server.url, "btv.huyen")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/admin/supervision_board/?period=2019Q2")
        board = page.locator("#board")
        row = board.locator("tbody tr", has_text="Ngô Văn Định")
        assert "Trễ hạn" in row.inner_text()  # filed 29/06/2019, due 25/06/2019
        assert "Quý 2/2019" in page.inner_text("main")
        stage = page.locator("#stage-members tfoot").inner_text()
        assert "212" in stage and "203" in stage, stage
        fits(page, width)
        right = page.evaluate("document.querySelector('#board').getBoundingClientRect().right")
        assert right <= width, f"the board at {width} px ends at {right} px"
        assert cards(page, "#board") == (width == 360)
        shot(page, "ban-thuong-vu", "bang-giam-sat", width, full_page=False)
        page.locator("#stage-members").scroll_into_view_if_needed()
        shot(page, "ban-thuong-vu", "de-an", width, full_page=False)
    # The menu leads there too.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("button", name="Giám sát").first.click()
    page.get_by_role("link", name="Bảng giám sát theo quý").click()
    page.wait_for_url(f"{live_server.url}/admin/supervision_board/")
    assert "Quý 4/2020" in page.inner_text("main")
