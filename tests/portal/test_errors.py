"""The error pages in Vietnamese: a missing address answers 404 with the page of the sub-site
it was asked on (its banner, a message, a link home and the search box); the back office's
missing addresses stay in the back office's language; a server error shows a plain 500 page
that needs neither the request nor the database. DEBUG is False, as in production."""

import pytest
from django.test import RequestFactory
from django.views import defaults
from wagtail.models import Site

from tests.portal.conftest import HOST

BOARD_HOST = "127.0.0.1:8000"
COMMUNE_HOST = "tanky.localhost:8000"


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def missing_page(client, host):
    response = client.get("/khong-co-trang-nay/", HTTP_HOST=host)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def assert_vietnamese_404(html, banner, home_href="/"):
    assert '<html lang="vi">' in html
    assert "<h1" in html and "Không tìm thấy trang" in html
    assert "Có thể địa chỉ bị gõ sai" in html
    assert f'href="{home_href}">Về trang chủ</a>' in html
    assert banner in html
    assert 'action="/tim-kiem/"' in html and 'name="q"' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "Page not found" not in html and "Not Found" not in html


def test_a_missing_address_shows_the_sites_own_404(portal, client):
    html = missing_page(client, HOST)
    assert_vietnamese_404(html, "Banner thử")
    assert "<title>Không tìm thấy trang – Ban Tổ chức thử</title>" in html
    # The site's categories are in its menu, as on every page of the site.
    assert "Văn bản chỉ đạo" in html


def test_a_missing_article_under_a_real_category_is_404_too(portal, client):
    response = client.get("/tin-hoat-dong/khong-co-bai-nay/", HTTP_HOST=HOST)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_each_host_gets_its_own_404(portal, client):
    """A second sub-site on its own host name: its 404 carries its banner, not the other's."""
    from wagtail.models import Page

    from dangbo.portal.models import PortalHomePage, PortalSettings
    from tests.portal.conftest import publish

    home = publish(
        Page.get_first_root_node(), PortalHomePage(title="Đảng bộ xã thử", slug="xa-thu")
    )
    site = Site.objects.create(
        hostname="tanky.localhost", port=8000, root_page=home, site_name="Xã thử"
    )
    commune = PortalSettings.for_site(site)
    commune.banner_text = "Banner xã thử"
    commune.save()

    board = missing_page(client, HOST)
    assert_vietnamese_404(board, "Banner thử")
    assert "Banner xã thử" not in board
    commune_html = missing_page(client, COMMUNE_HOST)
    assert_vietnamese_404(commune_html, "Banner xã thử")
    assert "Banner thử<" not in commune_html and "Văn bản chỉ đạo" not in commune_html
    # Any other host the install accepts is the default site's.
    assert_vietnamese_404(missing_page(client, "localhost:8000"), "Banner thử")


def test_the_404_without_any_site_still_renders(db, client):
    """Before the demo or an operator has set a site up: still the Vietnamese page."""
    Site.objects.all().delete()
    html = missing_page(client, HOST)
    assert "Không tìm thấy trang" in html and 'href="/">Về trang chủ</a>' in html


def test_the_back_offices_missing_pages_stay_in_the_back_office(portal, admin_client):
    response = admin_client.get("/admin/khong-co-trang-nay/", HTTP_HOST=HOST)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" not in html and "Not Found" not in html
    assert "Không tìm thấy" in html


def test_the_500_page_is_vietnamese_and_needs_no_database(rf: RequestFactory):
    # No `db` fixture: pytest-django refuses any query, so this also shows the page needs none.
    request = rf.get("/tin-hoat-dong/", HTTP_HOST=HOST)
    response = defaults.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "<title>Lỗi máy chủ</title>" in html and "Đã có lỗi ở phía máy chủ" in html
    assert 'href="/">Về trang chủ</a>' in html
    assert "Server Error" not in html and "Server error" not in html


def test_an_exception_in_a_view_answers_the_500_page(portal, client, monkeypatch):
    from dangbo.portal import models

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(models.CategoryPage, "serve", broken)
    client.raise_request_exception = False
    response = client.get("/tin-hoat-dong/", HTTP_HOST=HOST)
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()
