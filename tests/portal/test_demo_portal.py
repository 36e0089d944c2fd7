"""The demo's sub-sites reproduce the story's page (tan-ky-article.vi.txt) exactly, each on
its own host, and loading the demo again changes nothing (issue 9 items 1 and 3)."""

import re
from html import unescape
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision, Site

import dangbo
from dangbo.portal.models import ArticlePage, CategoryPage, PortalHomePage, PortalSettings

STORY = Path(dangbo.__file__).parent / "demo" / "story" / "tan-ky-article.vi.txt"
BOARD_HOST = "127.0.0.1:8000"
COMMUNE_HOST = "tanky.localhost:8000"
ARTICLE_URL = "/tin-hoat-dong/sang-tao-doi-moi-phuong-thuc-lanh-dao-o-tan-ky/"


def story_paragraphs() -> list[str]:
    return [line.strip() for line in STORY.read_text(encoding="utf-8").splitlines() if line.strip()]


def story_headlines() -> list[str]:
    """The 14 headlines under "Tin cùng chuyên mục": each written twice, and one line holds
    the end of one and the start of the next ("…huyện Quỳ ChâuSở Nội vụ…")."""
    lines = story_paragraphs()
    lines = lines[lines.index("Tin cùng chuyên mục") + 1 :]
    glued = next(line for line in lines if "Quỳ ChâuSở" in line)
    split = glued.replace("Quỳ ChâuSở", "Quỳ Châu\nSở").split("\n")
    lines[lines.index(glued) : lines.index(glued) + 1] = split
    return list(dict.fromkeys(lines))


def texts_of(html: str) -> list[str]:
    return [unescape(p) for p in re.findall(r"<p>(.*?)</p>", html, re.S)]


def the_article() -> ArticlePage:
    return ArticlePage.objects.get(title="Sáng tạo, đổi mới phương thức lãnh đạo ở Tân Kỳ")


def test_the_story_article_is_exactly_the_file(demo):
    paragraphs = story_paragraphs()
    source_at = paragraphs.index("Nguồn: baonghean.vn")
    page = the_article()
    assert page.title == paragraphs[1]
    assert page.lead == paragraphs[2]
    body = "".join(block.value.source for block in page.body if block.block_type == "paragraph")
    assert texts_of(body) == paragraphs[3:source_at]
    assert page.source == "baonghean.vn"
    assert page.live and page.get_parent().specific_class is CategoryPage


def test_the_fourteen_headlines_are_articles_of_the_same_category(demo):
    headlines = story_headlines()
    assert len(headlines) == 14
    assert "Đoàn Cán bộ nguồn cấp ủy tỉnh nghiên cứu thực tế tại huyện Quỳ Châu" in headlines
    assert "Sở Nội vụ kiểm tra, sát hạch cán bộ, công chức năm 2019" in headlines
    article = the_article()
    category = article.get_parent()
    others = ArticlePage.objects.child_of(category).exclude(pk=article.pk).order_by("-date")
    assert [a.title for a in others] == headlines  # newest first, in the story's order
    assert all(a.lead == "Tin minh họa của bản demo." for a in others)
    assert all(a.date < article.date for a in others)


def test_the_board_sub_site_is_the_default_at_127_0_0_1(demo, client):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert site.root_page.specific_class is PortalHomePage
    settings = PortalSettings.for_site(site)
    assert settings.site_name == "Ban Tổ chức Tỉnh ủy Nghệ An"
    assert settings.unit.code == "BTC-TU"
    assert settings.banner_text == "Ban tổ chức tỉnh ủy"  # the story's banner line
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    assert Page.get_first_root_node().title == "Gốc cây trang"
    html = client.get("/", HTTP_HOST=BOARD_HOST).content.decode()
    assert "Welcome to your new Wagtail site" not in html
    assert "Ban tổ chức tỉnh ủy" in html and "Sáng tạo, đổi mới phương thức" in html
    # Any other host name falls back to the default sub-site.
    assert "Ban tổ chức tỉnh ủy" in client.get("/", HTTP_HOST="localhost").content.decode()


def test_the_article_page_is_the_story_page(demo, client):
    response = client.get(ARTICLE_URL, HTTP_HOST=BOARD_HOST)
    assert response.status_code == 200
    html = response.content.decode()
    paragraphs = story_paragraphs()
    for paragraph in paragraphs[1 : paragraphs.index("Nguồn: baonghean.vn") + 1]:
        assert paragraph in unescape(html), paragraph
    assert "02/12/2019" in html
    related = re.search(r'<section class="related".*?</section>', html, re.S).group(0)
    assert "Tin cùng chuyên mục" in related
    listed = re.findall(r'class="article-item__title"[^>]*>([^<]+)<', related)
    assert [unescape(t) for t in listed] == story_headlines()


def test_the_commune_host_gets_the_commune_site_only(demo, client):
    site = Site.objects.get(hostname="tanky.localhost")
    assert site.port == 8000 and not site.is_default_site
    assert PortalSettings.for_site(site).unit.code == "X25-TANKY"
    home = client.get("/", HTTP_HOST=COMMUNE_HOST)
    assert home.status_code == 200
    html = home.content.decode()
    assert "Đảng bộ xã Tân Kỳ" in html and "Tin tức - Sự kiện" in html
    assert "Sáng tạo, đổi mới phương thức" not in html
    assert "Tin hoạt động" not in html
    # The Board's pages do not exist on the commune's host, nor the commune's on the Board's.
    missing = client.get(ARTICLE_URL, HTTP_HOST=COMMUNE_HOST)
    assert missing.status_code == 404
    # The 404 page is the sub-site's own, in Vietnamese.
    assert "Không tìm thấy trang" in missing.content.decode()
    assert "Đảng bộ xã Tân Kỳ" in missing.content.decode()
    assert client.get("/tin-hoat-dong/", HTTP_HOST=COMMUNE_HOST).status_code == 404
    commune_article = ArticlePage.objects.descendant_of(site.root_page).first()
    path = commune_article.get_url_parts()[2]
    assert client.get(path, HTTP_HOST=COMMUNE_HOST).status_code == 200
    assert client.get(path, HTTP_HOST=BOARD_HOST).status_code == 404


def test_feeds_and_sitemaps_per_site(demo, client):
    board_feed = client.get("/rss/", HTTP_HOST=BOARD_HOST)
    assert board_feed["Content-Type"].startswith("application/rss+xml")
    feed = board_feed.content.decode()
    assert "<title>Ban Tổ chức Tỉnh ủy Nghệ An</title>" in feed
    assert "Sáng tạo, đổi mới phương thức lãnh đạo ở Tân Kỳ" in feed
    assert "Kiện toàn các chi bộ" not in feed
    assert f"http://{BOARD_HOST}{ARTICLE_URL}" in feed
    category_feed = client.get("/tin-hoat-dong/rss/", HTTP_HOST=BOARD_HOST).content.decode()
    assert "<title>Tin hoạt động</title>" in category_feed
    assert category_feed.count("<item>") == 15
    commune_feed = client.get("/rss/", HTTP_HOST=COMMUNE_HOST).content.decode()
    assert "Kiện toàn các chi bộ" in commune_feed and "Tân Kỳ</title>" in commune_feed
    assert "Sáng tạo, đổi mới" not in commune_feed

    board_map = client.get("/sitemap.xml", HTTP_HOST=BOARD_HOST).content.decode()
    assert f"<loc>http://{BOARD_HOST}{ARTICLE_URL}</loc>" in board_map
    assert "tanky.localhost" not in board_map
    commune_map = client.get("/sitemap.xml", HTTP_HOST=COMMUNE_HOST).content.decode()
    assert f"<loc>http://{COMMUNE_HOST}/tin-tuc-su-kien/</loc>" in commune_map
    assert "127.0.0.1" not in commune_map and "tin-hoat-dong" not in commune_map

    robots = client.get("/robots.txt", HTTP_HOST=COMMUNE_HOST)
    assert robots["Content-Type"].startswith("text/plain")
    assert f"Sitemap: http://{COMMUNE_HOST}/sitemap.xml" in robots.content.decode()
    assert "Disallow: /admin/" in robots.content.decode()
    html = client.get("/", HTTP_HOST=BOARD_HOST).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html and 'href="/rss/"' in html


def test_the_demo_again_changes_nothing(demo):
    def state():
        return (
            list(Page.objects.order_by("path").values_list("path", "title", "live", "slug")),
            Revision.objects.count(),
            PageLogEntry.objects.count(),
            list(Site.objects.order_by("pk").values()),
            list(PortalSettings.objects.order_by("pk").values()),
        )

    before = state()
    call_command("demo", "--no-serve", stdout=StringIO(), stderr=StringIO())
    assert state() == before
