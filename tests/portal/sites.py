"""Two small sub-sites for the portal's search and cache tests: the Board's (the default
Site, 127.0.0.1) and the commune's (tanky.localhost), each home → category → articles."""

import datetime
from dataclasses import dataclass

from wagtail.models import Page, Site

from dangbo.portal.models import ArticlePage, CategoryPage, PortalHomePage
from dangbo.portal.text import page_slug

BOARD_HOST = "127.0.0.1:8000"
COMMUNE_HOST = "tanky.localhost:8000"


@dataclass
class PortalSites:
    board_home: PortalHomePage
    board_category: CategoryPage
    commune_home: PortalHomePage
    commune_category: CategoryPage


def add_page(parent: Page, page: Page, *, publish: bool = True) -> Page:
    if not publish:
        page.live = False  # a draft never published
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def article(category, title, *, lead="", body="", date=None, publish=True) -> ArticlePage:
    page = ArticlePage(
        title=title,
        slug=page_slug(title)[:60] + f"-{ArticlePage.objects.count() + 1}",
        lead=lead,
        body=[("paragraph", body)] if body else [],
        date=date,
    )
    return add_page(category, page, publish=publish)


def portal_sites() -> PortalSites:
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for page in root.get_children():
        page.delete()
    root.refresh_from_db()
    board_home = add_page(root, PortalHomePage(title="Ban Tổ chức Tỉnh ủy", slug="ban-to-chuc"))
    commune_home = add_page(root, PortalHomePage(title="Đảng bộ xã Tân Kỳ", slug="xa-tan-ky"))
    Site.objects.create(hostname="127.0.0.1", port=8000, root_page=board_home, is_default_site=True)
    Site.objects.create(hostname="tanky.localhost", port=8000, root_page=commune_home)
    board_category = add_page(board_home, CategoryPage(title="Tin hoạt động", slug="tin-hoat-dong"))
    commune_category = add_page(commune_home, CategoryPage(title="Tin tức", slug="tin-tuc"))
    return PortalSites(board_home, board_category, commune_home, commune_category)


def bulk_articles(category: CategoryPage, count: int, *, titles, first_date: datetime.date):
    """`count` published articles under `category` written in bulk (the tree's paths and
    the two tables' rows directly, as a large import would), `titles(i)` giving each title.
    Not indexed for search (the caller indexes when it needs to)."""
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    content_type = ContentType.objects.get_for_model(ArticlePage)
    category.refresh_from_db()
    start = category.numchild
    now = timezone.now()
    with transaction.atomic():
        pages = []
        for i in range(start, start + count):
            title = titles(i)
            slug = f"bai-{i + 1}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(category.path, category.depth + 1, i + 1),
                    depth=category.depth + 1,
                    numchild=0,
                    url_path=f"{category.url_path}{slug}/",
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=category.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
        Page.objects.bulk_create(pages, batch_size=2000)
        ids = list(
            Page.objects.filter(path__startswith=category.path, depth=category.depth + 1)
            .order_by("path")
            .values_list("id", flat=True)[start:]
        )
        table = ArticlePage._meta.db_table
        rows = [
            (
                pk,
                "Tin minh họa.",
                "[]",
                "",
                first_date - datetime.timedelta(days=n % 3650),
                "",
                "",
                category.pk,
            )
            for n, pk in enumerate(ids)
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_ptr_id, lead, body, source, date, author, "
                "main_image_caption, category_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
        Page.objects.filter(pk=category.pk).update(numchild=start + count)
    category.refresh_from_db()
    return ids
