"""The public pages: home, category (10 a page), article with "Tin cùng chuyên mục";
drafts and restricted pages stay out of sight (issue 9 item 2)."""

import datetime
import re

import pytest
from django.test import Client
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from dangbo.portal.models import ArticlePage
from dangbo.portal.selectors import same_category_articles
from tests.portal.conftest import article, get


def titles_in(html: str, section: str) -> list[str]:
    """The article titles listed in the <section class="{section}"> of the page."""
    block = re.search(rf'<section class="{section}".*?</section>', html, re.S).group(0)
    return re.findall(r'class="article-item__title"[^>]*>([^<]+)<', block)


def test_the_home_shows_the_banner_footer_featured_latest_and_each_category(portal, client):
    response = get(client, "/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Banner thử" in html
    assert "Số 1, đường Thử" in html and "thu@example.org" in html and "0123 456 789" in html
    assert 'action="/tim-kiem/"' in html and 'name="q"' in html
    featured = re.search(r'class="featured__title"><a [^>]*>([^<]+)<', html).group(1)
    assert featured == "Tin số 5"  # the latest, as none is chosen
    assert titles_in(html, "latest") == [
        "Tin số 4",
        "Tin số 3",
        "Tin số 2",
        "Tin số 1",
        "Văn bản số 1",
    ]
    assert "Tin hoạt động" in html and "Văn bản chỉ đạo" in html
    assert "06/11/2019" in html  # dates dd/mm/yyyy
    assert "Welcome to your new Wagtail site" not in html


def test_a_chosen_featured_article_comes_first(portal, client):
    portal.home.featured_article = portal.articles[0]
    portal.home.save_revision().publish()
    html = get(client, "/").content.decode()
    featured = re.search(r'class="featured__title"><a [^>]*>([^<]+)<', html).group(1)
    assert featured == "Tin số 1"
    assert "Tin số 1" not in titles_in(html, "latest")


def test_the_category_lists_ten_a_page_with_a_vietnamese_pager(portal, client):
    start = datetime.date(2020, 1, 1)
    for i in range(20):
        article(portal.news, f"Tin thêm {i:02d}", start + datetime.timedelta(days=i))
    html = get(client, "/tin-hoat-dong/").content.decode()
    listed = re.findall(r'class="article-item__title"[^>]*>([^<]+)<', html)
    assert listed == [f"Tin thêm {i:02d}" for i in range(19, 9, -1)]
    assert "Trang 1 / 3" in html and "Cũ hơn ›" in html and "?trang=2" in html
    last = get(client, "/tin-hoat-dong/?trang=3").content.decode()
    assert re.findall(r'class="article-item__title"[^>]*>([^<]+)<', last) == [
        f"Tin số {i}" for i in range(5, 0, -1)
    ]
    assert "‹ Mới hơn" in last and "Trang 3 / 3" in last
    # A page number out of range or not a number shows a page, never an error.
    assert get(client, "/tin-hoat-dong/?trang=99").status_code == 200
    assert get(client, "/tin-hoat-dong/?trang=abc").status_code == 200


def test_the_article_page(portal, client):
    page = article(
        portal.news,
        "Sáng tạo ở Tân Kỳ",
        datetime.date(2019, 12, 2),
        lead="Những năm qua, các cấp ủy đảng ở Tân Kỳ…",
        source="baonghean.vn",
        author="Thanh Hà",
    )
    response = get(client, page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Sáng tạo ở Tân Kỳ" in html
    assert "Những năm qua, các cấp ủy đảng ở Tân Kỳ…" in html
    assert "Nội dung của bài Sáng tạo ở Tân Kỳ." in html
    assert "Nguồn: baonghean.vn" in html
    assert '<time datetime="2019-12-02">02/12/2019</time>' in html
    assert "Thanh Hà" in html
    assert 'href="/tin-hoat-dong/"' in html
    related = re.search(r'<section class="related".*?</section>', html, re.S).group(0)
    assert "Tin cùng chuyên mục" in related and 'href="/tin-hoat-dong/"' in related
    # The same category's articles, newest first, without the article itself nor the
    # other category's.
    assert titles_in(html, "related") == [
        "Tin số 5",
        "Tin số 4",
        "Tin số 3",
        "Tin số 2",
        "Tin số 1",
    ]
    assert 'rel="canonical" href="http://127.0.0.1:8000/tin-hoat-dong/sang-tao-o-tan-ky/"' in html
    assert 'type="application/rss+xml"' in html


def test_no_source_no_source_line(portal, client):
    html = get(client, portal.articles[0].url).content.decode()
    assert "Nguồn:" not in html


def test_images_with_captions_and_alt_text(portal, client):
    image = Image.objects.create(title="Ảnh hội nghị", file=get_test_image_file())
    page = article(
        portal.news,
        "Có ảnh",
        datetime.date(2019, 12, 3),
        main_image=image,
        main_image_caption="Toàn cảnh hội nghị",
        body=[
            ("paragraph", "<p>Đoạn một.</p>"),
            (
                "image",
                {
                    "image": {
                        "image": image,
                        "alt_text": "Các đại biểu biểu quyết",
                        "decorative": False,
                    },
                    "caption": "Biểu quyết thông qua nghị quyết",
                },
            ),
            ("paragraph", "<p>Đoạn hai.</p>"),
        ],
    )
    html = get(client, page.url).content.decode()
    assert 'alt="Các đại biểu biểu quyết"' in html
    assert "<figcaption>Biểu quyết thông qua nghị quyết</figcaption>" in html
    assert "<figcaption>Toàn cảnh hội nghị</figcaption>" in html
    assert 'alt="Ảnh hội nghị"' in html  # the main image: its title (no description)
    assert html.index("Đoạn một.") < html.index("Biểu quyết thông qua") < html.index("Đoạn hai.")


def test_a_draft_is_not_shown_publicly(portal, client, superuser):
    draft = ArticlePage(
        title="Bản nháp chưa đăng", lead="Sapo.", date=datetime.date(2019, 12, 9), live=False
    )
    portal.news.add_child(instance=draft)
    draft.save_revision()
    assert get(client, "/tin-hoat-dong/ban-nhap-chua-dang/").status_code == 404
    for url in (
        "/",
        "/tin-hoat-dong/",
        portal.articles[0].url,
        "/rss/",
        "/tin-hoat-dong/rss/",
        "/sitemap.xml",
    ):
        assert "Bản nháp chưa đăng" not in get(client, url).content.decode(), url
    # A new draft of a published article leaves the published text on the site.
    live = portal.articles[0]
    live.title = "Tiêu đề mới chưa duyệt"
    live.save_revision()
    assert "Tiêu đề mới chưa duyệt" not in get(client, live.url).content.decode()
    assert "Tin số 1" in get(client, live.url).content.decode()
    # Even signed in to the back office, the public address of a draft answers 404 (the
    # editor previews it in the admin).
    signed_in = Client()
    signed_in.force_login(superuser)
    assert get(signed_in, "/tin-hoat-dong/ban-nhap-chua-dang/").status_code == 404


def test_a_restricted_article_is_not_listed(portal, client):
    secret = portal.articles[2]
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    for url in ("/", "/tin-hoat-dong/", portal.articles[0].url, "/rss/"):
        assert secret.title not in get(client, url).content.decode(), url


@pytest.mark.parametrize("count", [3, 40])
def test_same_category_in_a_bounded_number_of_queries(portal, count, django_assert_max_num_queries):
    start = datetime.date(2018, 1, 1)
    for i in range(count):
        article(portal.news, f"Tin cũ {i}", start + datetime.timedelta(days=i))
    page = ArticlePage.objects.get(pk=portal.articles[-1].pk)
    with django_assert_max_num_queries(3):  # category, view restrictions, the articles
        category, related = same_category_articles(article=page)
        titles = [a.title for a in related]
    assert category == portal.news
    assert titles[:4] == ["Tin số 4", "Tin số 3", "Tin số 2", "Tin số 1"]
    assert len(titles) == min(14, 4 + count)


def test_the_article_page_runs_the_same_queries_with_few_or_many_articles(portal, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        get(client, portal.articles[-1].url)  # warm Wagtail's site cache
        with CaptureQueriesContext(connection) as captured:
            assert get(client, portal.articles[-1].url).status_code == 200
        return len(captured)

    few = queries()
    start = datetime.date(2018, 1, 1)
    for i in range(30):
        article(portal.news, f"Tin cũ {i}", start + datetime.timedelta(days=i))
    assert queries() == few
    assert few <= 15


@pytest.mark.parametrize(
    "source", ['<p data-block-key="dd9rq"></p>', "<p>   </p>", "<p>&nbsp;</p>", "<h2></h2><p></p>"]
)
def test_an_empty_paragraph_is_refused_with_a_message(source):
    """Draftail leaves an empty <p> for a paragraph added and left empty: refused at
    submission, not at the approval (where the approver's editor reads it as empty)."""
    from django.core.exceptions import ValidationError
    from django.utils import translation
    from wagtail.rich_text import RichText

    from dangbo.portal.blocks import ParagraphBlock

    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        ParagraphBlock().clean(RichText(source))
    assert "Đoạn văn này trống" in str(refused.value)
    assert ParagraphBlock().clean(RichText("<p>Có chữ</p>")).source == "<p>Có chữ</p>"
