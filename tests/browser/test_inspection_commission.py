"""The inspection commission's day (ubkt.huyen) in a real browser, at 1366 and 360 px: open a
case at the ideological-work step, record the decision, the announcement, a complaint and its
resolution, and read the timeline with the dates the rules compute.

Screenshots go to build/screenshots/ubkt.huyen/ (docs/guide/uy-ban-kiem-tra.md uses them).
"""

from datetime import date

from dangbo.discipline.models import DisciplineCase
from tests.browser import helpers
from tests.browser.helpers import fits, log_in

ROLE = "ubkt.huyen"
PERSON = "Sầm Công Long (P0177)"


def shot(page, name: str, width: int) -> None:
    helpers.shot(page, ROLE, name, width)


def close_pickers(page) -> None:
    """The date pickers stay open after typing: a click beside them closes them."""
    page.locator("main form label").first.click()
    page.evaluate("window.scrollTo(0, 0)")


def record_step(page, url: str, fields: dict, selects: dict | None = None, shot_as=None) -> None:
    """Follow the timeline's button for the next step, fill its short form, save."""
    page.locator(".dangbo-step--next a").click()
    page.wait_for_load_state()
    for name, value in (selects or {}).items():
        page.select_option(f"select[name={name}]", value)
    for name, value in fields.items():
        page.fill(f"input[name={name}]", value)
    if shot_as:
        close_pickers(page)
        fits(page, shot_as[1])
        shot(page, *shot_as)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(url)


def walk_a_case(page, base: str, code: str, width: int, shots: bool) -> None:
    # Tall enough for a whole form or timeline in one picture (Wagtail scrolls inside).
    page.set_viewport_size({"width": width, "height": 1300 if width > 1000 else 1500})
    page.goto(f"{base}/admin/discipline_case/new/")
    assert "Mở vụ việc kỷ luật" in page.content()
    page.fill("input[name=code]", code)
    page.select_option("select[name=subject_kind]", "person")
    page.select_option("select[name=person]", label=PERSON)
    page.fill("input[name=violation_date]", "10/09/2024")
    page.fill("input[name=ideological_work_date]", "05/11/2024")
    page.fill(
        "textarea[name=ideological_work_note]",
        "Ủy ban Kiểm tra Huyện ủy gặp gỡ; đồng chí nhận khuyết điểm.",
    )
    close_pickers(page)
    fits(page, width)
    if shots:
        shot(page, "1-mo-vu-viec", width)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/inspect/**")
    case_url = page.url
    timeline = page.locator(".dangbo-timeline")
    assert "Chưa quyết định" in page.content() and "05/11/2024" in timeline.inner_text()
    # Until the decision: the limitation deadline by the form still to be chosen.
    assert "10/09/2029" in page.content() and "69-QĐ/TW" in page.content()
    fits(page, width)

    record_step(
        page,
        case_url,
        {"decided_date": "20/12/2024", "decided_by": "Ủy ban Kiểm tra Huyện ủy"},
        {"form": "canh_cao"},
        shot_as=("2-ghi-quyet-dinh", width) if shots else None,
    )
    record_step(page, case_url, {"announced_date": "26/12/2024"})
    record_step(page, case_url, {"complaint_date": "10/01/2025"})
    record_step(
        page, case_url, {"complaint_resolved_date": "20/02/2025"}, {"complaint_outcome": "upheld"}
    )
    text = page.locator(".dangbo-page").inner_text()
    for day in ("10/09/2024", "20/12/2024", "26/12/2024", "10/01/2025", "20/02/2025"):
        assert day in text, day
    assert "Do " in text and "Gửi trong hạn" in text and "Giữ nguyên" in text
    # Warned, announced 26/12/2024 under 80-QĐ/TW: 30 months' bar; expiry 12 months after the
    # resolution of the complaint (69-QĐ/TW); the complaint deadline one month after.
    assert "26/06/2027" in text and "80-QĐ/TW" in text
    assert "20/02/2026" in text and "26/01/2025" in text and "Điều lệ Đảng" in text
    assert page.locator(".dangbo-step--done").count() == 5
    assert page.locator(".dangbo-step--next").count() == 0
    fits(page, width)
    if shots:
        shot(page, "3-tien-trinh", width)
    case = DisciplineCase.objects.get(code=code)
    assert (case.form, case.decided_date, case.complaint_outcome) == (
        "canh_cao",
        date(2024, 12, 20),
        "upheld",
    )


def test_the_inspection_commission_walks_a_case(demo_site, live_server, browser_page):
    page = browser_page
    base = live_server.url
    log_in(page, base, "ubkt.huyen")
    for width, code in ((1366, "KL-2024-UB1"), (360, "KL-2024-UB2")):
        walk_a_case(page, base, code, width, shots=True)
    # The demo's open case waits for its decision; the review as of a day leaves it out.
    opened = DisciplineCase.objects.get(code="KL-2025-01")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base}/admin/discipline_case/inspect/{opened.pk}/")
    assert page.locator(".dangbo-step--next a").count() == 1
    page.goto(f"{base}/admin/reviews/discipline/?as_of=01/12/2026")
    review = page.locator("table.dangbo-review").inner_text()
    assert "KL-2023-01" in review and "KL-2025-01" not in review
