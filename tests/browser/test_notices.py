"""The notices in a real browser (issue 11 item 4): after `dangbo schedule --date
2019-09-20`, `btv.huyen` sees the bell's unread count in the sidebar, opens the list, marks a
notice read and the count goes down; the list fits at 1366 px and at 360 px (cards)."""

import re
from io import StringIO

from django.core.management import call_command

from dangbo.notices.models import Notice
from tests.browser.helpers import fits, log_in, shot


def test_the_bell_and_the_list_of_notices(demo_site, live_server, browser_page):
    call_command("schedule", "--date", "2019-09-20", stdout=StringIO())
    unread = Notice.objects.filter(recipient__username="btv.huyen", read_at__isnull=True).count()
    assert unread
    page = browser_page
    log_in(page, live_server.url, "btv.huyen")
    page.set_viewport_size({"width": 1366, "height": 900})
    bell = page.get_by_role("link", name=re.compile(r"^Thông báo \(\d+\)"))
    assert bell.first.inner_text().strip() == f"Thông báo ({unread})"
    bell.first.click()
    page.wait_for_url(f"{live_server.url}/admin/notices/")
    main = page.inner_text("main")
    assert "25/09/2019" in main and "chưa nộp báo cáo Quý 3/2019" in main
    fits(page, 1366)
    shot(page, "ban-thuong-vu", "thong-bao", 1366, full_page=False)

    page.get_by_role("button", name="Đánh dấu đã đọc").first.click()
    page.wait_for_load_state()
    link = page.get_by_role("link", name=re.compile(r"^Thông báo \(\d+\)")).first
    assert link.inner_text().strip() == f"Thông báo ({unread - 1})"
    assert "Đã đọc ngày" in page.inner_text("main")

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/admin/notices/")
    fits(page, 360)
    hidden = page.evaluate(
        "getComputedStyle(document.querySelector('.dangbo-review thead')).position"
    )
    assert hidden == "absolute"  # each notice is a card
    shot(page, "ban-thuong-vu", "thong-bao", 360)

    page.get_by_role("link", name="Nhận thông báo qua thư điện tử").click()
    page.wait_for_url(f"{live_server.url}/admin/notices/email/")
    fits(page, 360)
    assert "Gửi thêm cho tôi qua thư điện tử" in page.inner_text("main")
