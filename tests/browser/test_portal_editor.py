"""The editor's and the leader's day in a real browser (docs/guide/bien-tap-vien.md): `btc.tinh`
writes an article in the Board's category and submits it; `lanhdao.btc` approves it; it is then
on the public site and in "Tin cùng chuyên mục" of the Tân Kỳ article; `btc.tinh` cannot open
the commune's pages. Screenshots at 1366 and 360 px."""

from dangbo.demo.portal import BOARD_CATEGORY, COMMUNE
from dangbo.portal.models import ArticlePage, CategoryPage
from dangbo.portal.text import page_slug
from tests.browser.helpers import fits, log_in, shot

TITLE = "Hội nghị tập huấn nghiệp vụ công tác tổ chức xây dựng Đảng năm 2026"
LEAD = "Ban Tổ chức Tỉnh ủy tổ chức hội nghị tập huấn cho cán bộ làm công tác tổ chức."
BODY = "Hội nghị quán triệt các văn bản mới về công tác tổ chức xây dựng Đảng."
TAN_KY = "/tin-hoat-dong/sang-tao-doi-moi-phuong-thuc-lanh-dao-o-tan-ky/"


def test_editor_submits_the_leader_approves(demo_site, live_server, browser_page):
    page = browser_page
    url = live_server.url
    category = CategoryPage.objects.get(slug=page_slug(BOARD_CATEGORY))
    log_in(page, url, "btc.tinh")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}/admin/pages/add/portal/articlepage/{category.pk}/", wait_until="networkidle")
    assert page.locator("button[name=action-publish]").count() == 0  # no publish right
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", LEAD)
    page.fill("#id_source", "btc.nghean.example")
    page.click(".c-sf-add-button")
    page.get_by_role("option", name="Đoạn văn").first.click()
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type(BODY)
    # Draftail writes the paragraph into its hidden input a moment after the typing: submit
    # before that and the revision holds an empty paragraph (which the approval then refuses).
    page.wait_for_function(
        "text => document.querySelector('input[name=\"body-0-value\"]').value.includes(text)",
        arg=BODY.split()[-1],
    )
    shot(page, "bien-tap-vien", "1-viet-bai-1366")
    # "Gửi kiểm duyệt" sits in the footer's dropdown beside "Lưu bản nháp", as an editor finds it.
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_url(f"{url}/admin/pages/{category.pk}/")
    assert "gửi kiểm duyệt" in page.inner_text("body")
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live and article.workflow_in_progress
    shot(page, "bien-tap-vien", "2-da-gui-duyet-1366")

    log_in(page, url, "lanhdao.btc")
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{url}/admin/")
        assert TITLE in page.inner_text("main")
        fits(page, width)
        shot(page, "bien-tap-vien", f"3-cho-duyet-{width}")
    page.set_viewport_size({"width": 1366, "height": 900})
    # The workflow's buttons act through Wagtail's scripts: wait until they are in place.
    page.goto(f"{url}/admin/pages/{article.pk}/edit/", wait_until="networkidle")
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.locator(
        "footer [data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).first.click()
    page.wait_for_url(f"{url}/admin/pages/{category.pk}/", timeout=60_000)
    article.refresh_from_db()
    assert article.live
    assert BODY in str(article.body)

    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{url}/")
        assert TITLE in page.inner_text("main")
        page.goto(f"{url}{TAN_KY}")
        assert TITLE in page.inner_text("main")  # "Tin cùng chuyên mục"
        fits(page, width)
        shot(page, "bien-tap-vien", f"4-da-dang-{width}")

    log_in(page, url, "btc.tinh")
    commune = ArticlePage.objects.filter(url_path__contains=f"/{COMMUNE.slug}/").first()
    for path in (f"/admin/pages/{commune.pk}/edit/", f"/admin/pages/{commune.pk}/history/"):
        response = page.goto(f"{url}{path}")
        # Refused: a 404/403, or Wagtail's own refusal (back to the home with its message).
        refused = response.status in (403, 404) or (
            page.url == f"{url}/admin/" and "không có quyền" in page.inner_text("body")
        )
        assert refused, path
        assert commune.title not in page.inner_text("main"), path
