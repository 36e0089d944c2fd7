"""A small sub-site without the demo: a home (the default Site's root), two categories and
dated articles, built through Wagtail's own tree and publishing calls."""

import datetime
from dataclasses import dataclass, field

import pytest
from wagtail.models import Page, Site

from dangbo.portal.models import ArticlePage, CategoryPage, PortalHomePage, PortalSettings
from dangbo.portal.text import page_slug

HOST = "127.0.0.1:8000"


def publish(parent: Page, page: Page) -> Page:
    if not page.slug:
        page.slug = page_slug(page.title)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def article(category, title, date, **fields) -> ArticlePage:
    fields.setdefault("lead", f"Sapo của bài {title}.")
    fields.setdefault("body", [("paragraph", f"<p>Nội dung của bài {title}.</p>")])
    return publish(category, ArticlePage(title=title, date=date, **fields))


@dataclass
class Portal:
    site: Site
    home: PortalHomePage
    news: CategoryPage
    other: CategoryPage
    articles: list = field(default_factory=list)  # in news, oldest first


@pytest.fixture
def portal(db, settings, tmp_path) -> Portal:
    settings.MEDIA_ROOT = tmp_path / "media"
    root = Page.get_first_root_node()
    home = publish(root, PortalHomePage(title="Trang thông tin thử", slug="trang-thu"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname, site.port, site.site_name = "127.0.0.1", 8000, "Trang thông tin thử"
    site.save()
    settings_row = PortalSettings.for_site(site)
    settings_row.site_name = "Ban Tổ chức thử"
    settings_row.banner_text = "Banner thử"
    settings_row.footer_address = "Số 1, đường Thử"
    settings_row.footer_phone = "0123 456 789"
    settings_row.footer_email = "thu@example.org"
    settings_row.save()
    news = publish(home, CategoryPage(title="Tin hoạt động"))
    other = publish(home, CategoryPage(title="Văn bản chỉ đạo"))
    start = datetime.date(2019, 11, 1)
    articles = [
        article(news, f"Tin số {i}", start + datetime.timedelta(days=i)) for i in range(1, 6)
    ]
    article(other, "Văn bản số 1", start)
    return Portal(site=site, home=home, news=news, other=other, articles=articles)


def get(client, url, host=HOST):
    return client.get(url, HTTP_HOST=host)
