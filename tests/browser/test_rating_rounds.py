"""The rating round in a real browser, as the demo logins do it: the office (`btc.huyen`)
opens the year's round and submits it with the live quota check; the standing committee
(`btv.huyen`) approves one submitted round and sends another back with a reason. At 1366 px
and at 360 px; the screenshots are kept under build/screenshots/ for the user guide."""

from dangbo.accounts.models import User
from dangbo.org.models import Unit
from dangbo.ratings import services
from dangbo.ratings.models import RatingRound, RoundStatus
from tests.browser.helpers import fits, log_in, shot


def decide(page, base, round_, field, reason):
    """Write the decision's reason, send it, and read the round's page it leads back to."""
    page.fill(f"textarea[name={field}]", reason)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/admin/rating_round/inspect/{round_.pk}/")
    round_.refresh_from_db()
    return page.inner_text("main")


def test_office_submits_and_standing_committee_decides(demo_site, live_server, browser_page):
    page, base = browser_page, live_server.url
    district = Unit.objects.get(code="HU-TK")

    # The office opens the 2018 round of the district and submits it.
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "btc.huyen")
    page.goto(f"{base}/admin/rating_round/new/")
    page.fill("input[name=year]", "2018")
    page.select_option("select[name=unit]", str(district.pk))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/admin/rating_round/inspect/*/")
    round_2018 = RatingRound.objects.get(year=2018, unit=district)
    assert round_2018.status == RoundStatus.DRAFT
    assert "Dự thảo" in page.inner_text("main")
    page.click(f"main a[href='/admin/rating_round/submit/{round_2018.pk}/']")
    page.wait_for_url(f"{base}/admin/rating_round/submit/{round_2018.pk}/")
    check = page.inner_text("main")
    assert "Kiểm tra tỷ lệ" in check and "Đảng bộ xã, thị trấn" in check
    assert "Huyện ủy Tân Kỳ và các đơn vị cấp dưới" in check
    shot(page, "ban-to-chuc", "trinh-xep-loai-1366")
    page.set_viewport_size({"width": 360, "height": 800})
    fits(page, 360)
    shot(page, "ban-to-chuc", "trinh-xep-loai-360")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/admin/rating_round/inspect/{round_2018.pk}/")
    assert "Đã trình phê duyệt" in page.inner_text("main")
    round_2018.refresh_from_db()
    assert round_2018.status == RoundStatus.SUBMITTED
    assert round_2018.submitted_by.username == "btc.huyen"

    # A second round, submitted the same way (by the service), for the committee to send back.
    office = User.objects.get(username="btc.huyen")
    round_2017 = services.round_open(actor=office, year=2017, unit=district)
    services.round_submit(actor=office, round_=round_2017)

    # The standing committee approves 2018 on a phone ...
    log_in(page, base, "btv.huyen")
    page.goto(f"{base}/admin/rating_round/inspect/{round_2018.pk}/")
    fits(page, 360)
    page.goto(f"{base}/admin/rating_round/approve/{round_2018.pk}/")
    fits(page, 360)
    shot(page, "ban-thuong-vu", "phe-duyet-360")
    reason = "Thành tích đột xuất trong phòng chống bão lũ"
    main = decide(page, base, round_2018, "override_reason", reason)
    assert "Đã phê duyệt" in main and "Các bước của đợt" in main
    assert round_2018.status == RoundStatus.APPROVED
    assert round_2018.approved_by.username == "btv.huyen"
    shot(page, "ban-thuong-vu", "da-phe-duyet-360")

    # ... and sends 2017 back on a wide screen.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base}/admin/rating_round/inspect/{round_2017.pk}/")
    shot(page, "ban-thuong-vu", "dot-da-trinh-1366")
    page.click(f"main a[href='/admin/rating_round/send-back/{round_2017.pk}/']")
    page.wait_for_url(f"{base}/admin/rating_round/send-back/{round_2017.pk}/")
    main = decide(page, base, round_2017, "reason", "Rà soát lại nhóm cán bộ cấp xã")
    assert "Trả lại bản nháp" in main and "Rà soát lại nhóm cán bộ cấp xã" in main
    assert round_2017.status == RoundStatus.DRAFT
    assert round_2017.returned_reason == "Rà soát lại nhóm cán bộ cấp xã"
    fits(page, 1366)
    shot(page, "ban-thuong-vu", "tra-lai-1366")
