"""The organization office's day in a real browser (docs/guide/ban-to-chuc.md): the weak-units
board of the 2016 survey, the rotation plan with its 6 / 3 / 3, a rotation whose findings are
shown before it is saved; then the standing committee approves the plan
(docs/guide/ban-thuong-vu.md, "Phê duyệt kế hoạch luân chuyển"). At 1366 and 360 px."""

from dangbo.rotation.models import PlanStatus, Rotation, RotationPlan
from tests.browser.helpers import fits, log_in, shot


def test_office_board_plan_rotation_and_approval(demo_site, live_server, browser_page):
    page = browser_page
    url = live_server.url
    plan = RotationPlan.objects.get(code="KH-LC-2016-2020")
    log_in(page, url, "btc.huyen")
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{url}/admin/weak_units/?year=2016")
        cards = page.locator("article.dangbo-card")
        assert cards.count() == 9
        board = page.inner_text("main")
        for commune in ("Đồng Văn", "Tiên Kỳ", "Nghĩa Hợp", "Tân Xuân"):
            assert commune in board
        assert "Ban Chỉ huy Quân sự huyện Tân Kỳ" in board
        assert "Hoàn thành xuất sắc nhiệm vụ" in board
        fits(page, width)
        shot(page, "ban-to-chuc", f"1-weak-units-{width}")

        page.goto(f"{url}/admin/rotation_plan/inspect/{plan.pk}/")
        counts = page.inner_text(".dangbo-counts")
        assert "6 cán bộ" in counts and "3 bí thư đảng ủy, 3 chủ tịch UBND" in counts
        fits(page, width)
        shot(page, "ban-to-chuc", f"2-plan-{width}")

    page.set_viewport_size({"width": 1366, "height": 900})
    # "Thêm trường hợp luân chuyển" in the plan's header menu opens this form.
    page.goto(f"{url}/admin/rotation/new/?plan={plan.pk}")
    page.fill("input[name=code]", "LC-TK-07")
    page.select_option("select[name=person]", label="Nguyễn Thị Kim Loan (P0043)")
    page.select_option("select[name=from_unit]", label="Ban Tổ chức Huyện ủy Tân Kỳ (BTC-HU)")
    page.select_option("select[name=from_role]", "member")
    page.select_option("select[name=to_unit]", label="Đảng bộ xã Đồng Văn (X-DONGVAN)")
    page.select_option("select[name=to_role]", "deputy")
    page.fill("input[name=to_title]", "Phó Bí thư, Chủ tịch UBND xã")
    page.select_option("select[name=reason]", "development")
    page.fill("input[name=planned_months]", "24")
    # Typed as the office types it; set without focus so the date picker stays closed.
    page.eval_on_selector("input[name=start_date]", "el => { el.value = '01/07/2019'; }")
    page.click("#w-editor-form button[type=submit]:not([name=confirm])")
    page.wait_for_selector(".dangbo-pending")
    assert "dưới 36 tháng" in page.inner_text(".dangbo-pending")
    assert not Rotation.objects.filter(code="LC-TK-07").exists()
    shot(page, "ban-to-chuc", "3-rotation-findings-1366")
    page.click("button[name=confirm]")
    page.wait_for_url(f"{url}/admin/rotation/inspect/*/")
    assert "dưới 36 tháng" in page.inner_text("main")
    rotation = Rotation.objects.get(code="LC-TK-07")
    assert rotation.plan == plan and rotation.planned_months == 24

    log_in(page, url, "btv.huyen")
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{url}/admin/rotation_plan/approve/{plan.pk}/")
        assert "7 cán bộ" in page.inner_text("main")
        fits(page, width)
        shot(page, "ban-thuong-vu", f"plan-approve-{width}")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{url}/admin/rotation_plan/inspect/{plan.pk}/")
    assert "Đã phê duyệt" in page.inner_text("main")
    shot(page, "ban-thuong-vu", "plan-approved-360")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_by.username == "btv.huyen"
