"""Anonymous pages cached and purged on publish, unpublish and move; never cached for
editors, forms or messages; an uncached article runs the same few queries whatever the
size of its category."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from dangbo.portal.cache import CACHE_HEADER
from dangbo.portal.models import CategoryPage
from tests.portal.sites import BOARD_HOST, add_page, article, bulk_articles, portal_sites

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites(db):
    cache.clear()
    sites = portal_sites()
    sites.story = article(sites.board_category, "Tân Kỳ đổi mới", lead="Sapo.", body="<p>Thân.</p>")
    return sites


def get(client, url, **extra):
    response = client.get(url, HTTP_HOST=BOARD_HOST, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_anonymous_pages_are_cached(client, sites):
    for url in ["/", "/tin-hoat-dong/", sites.story.url, "/tin-hoat-dong/?trang=1"]:
        assert get(client, url)[CACHE_HEADER] == "miss"
        second = get(client, url)
        assert second[CACHE_HEADER] == "hit"
        assert "Tân Kỳ đổi mới" in second.content.decode()


def test_purged_when_a_page_is_published_unpublished_or_moved(client, sites):
    get(client, "/")
    assert get(client, "/")[CACHE_HEADER] == "hit"
    new = article(sites.board_category, "Bài mới đăng", lead="Mới.")
    home = get(client, "/")
    assert home[CACHE_HEADER] == "miss" and "Bài mới đăng" in home.content.decode()
    assert get(client, "/")[CACHE_HEADER] == "hit"
    new.unpublish()
    home = get(client, "/")
    assert home[CACHE_HEADER] == "miss" and "Bài mới đăng" not in home.content.decode()
    other = add_page(sites.board_home, CategoryPage(title="Chuyên mục khác", slug="khac"))
    get(client, "/khac/")
    assert get(client, "/khac/")[CACHE_HEADER] == "hit"
    sites.story.move(other, pos="last-child")
    listing = get(client, "/khac/")
    assert listing[CACHE_HEADER] == "miss" and "Tân Kỳ đổi mới" in listing.content.decode()
    # An edit published again changes the cached article.
    get(client, "/khac/tan-ky-doi-moi-1/")
    sites.story.refresh_from_db()
    sites.story.title = "Tân Kỳ đổi mới (sửa)"
    sites.story.save_revision().publish()
    assert "(sửa)" in get(client, "/khac/tan-ky-doi-moi-1/").content.decode()


def test_never_cached_for_logged_in_users(client, sites, superuser):
    client.force_login(superuser)
    assert CACHE_HEADER not in get(client, "/")
    assert CACHE_HEADER not in get(client, "/")
    client.logout()
    client.cookies.clear()
    assert get(client, "/")[CACHE_HEADER] == "miss"


def test_never_cached_with_other_parameters_forms_or_private_pages(client, sites):
    assert CACHE_HEADER not in get(client, "/?utm=1")
    assert CACHE_HEADER not in get(client, "/tin-hoat-dong/?trang=x")
    private = article(sites.board_category, "Bài có mật khẩu", lead="Riêng.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="mk-123")
    for _ in range(2):
        response = get(client, private.url)
        assert CACHE_HEADER not in response  # the password form carries a CSRF token
        assert "Riêng." not in response.content.decode()
    login_only = article(sites.board_category, "Bài nội bộ", lead="Nội bộ.")
    PageViewRestriction.objects.create(page=login_only, restriction_type="login")
    response = client.get(login_only.url, HTTP_HOST=BOARD_HOST)
    assert response.status_code == 302 and CACHE_HEADER not in response


def test_uncached_article_runs_the_same_queries_with_100_or_5000_articles(client, sites):
    queries_seen = []

    def count(url):
        cache.clear()
        get(client, sites.story.url)  # Wagtail's site root paths cached, as on a live server
        with CaptureQueriesContext(connection) as queries:
            response = get(client, url)
        assert response[CACHE_HEADER] == "miss"
        queries_seen[:] = queries.captured_queries
        return len(queries)

    def title(i):
        return f"Tin số {i}"

    bulk_articles(sites.board_category, 99, titles=title, first_date=datetime.date(2025, 1, 1))
    small = count("/tin-hoat-dong/bai-50/")
    bulk_articles(sites.board_category, 4900, titles=title, first_date=datetime.date(2025, 1, 1))
    large = count("/tin-hoat-dong/bai-50/")
    assert small == large
    assert large <= 16, "\n".join(q["sql"][:150] for q in queries_seen)
