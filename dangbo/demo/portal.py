"""The demo's sub-sites: the provincial Organization Board's (the default Site, at
127.0.0.1:8000) with the Tân Kỳ article of the story and the 14 headlines of its "Tin cùng
chuyên mục", and the new commune Tân Kỳ's (tanky.localhost:8000). Running it again changes
nothing: what exists is left as it is."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import escape
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from dangbo.accounts.models import User
from dangbo.org.models import Unit
from dangbo.portal.models import ArticlePage, CategoryPage, PortalHomePage, PortalSettings
from dangbo.portal.text import page_slug

STORY = Path(__file__).resolve().parent / "story" / "tan-ky-article.vi.txt"
SOURCE_PREFIX = "Nguồn: "
RELATED_HEADING = "Tin cùng chuyên mục"
DEMO_LEAD = "Tin minh họa của bản demo."
# Wagtail's first pages: the root keeps a Vietnamese title (the editor reads it in the page
# explorer); its welcome page gives way to the Board's home.
ROOT_TITLE = "Gốc cây trang"
WAGTAIL_WELCOME = ("Welcome to your new Wagtail site!", "Trang chủ cổng thông tin")

ARTICLE_DATE = datetime.date(2019, 12, 2)
PORT = 8000


@dataclass(frozen=True)
class Story:
    """The page of the story file: banner, title, lead, body paragraphs, source, headlines."""

    banner: str
    title: str
    lead: str
    body: tuple[str, ...]
    source: str
    headlines: tuple[str, ...]


def _split_run_together(line: str) -> list[str]:
    """Two headlines copied without a line break ("…Quỳ ChâuSở Nội vụ…"): a lower-case
    letter followed at once by a capital starts a new one."""
    parts, start = [], 0
    for i in range(1, len(line)):
        if line[i - 1].islower() and line[i].isupper():
            parts.append(line[start:i])
            start = i
    parts.append(line[start:])
    return parts


def read_story(path: Path = STORY) -> Story:
    lines = path.read_text(encoding="utf-8").splitlines()
    banner = lines[0].strip().removeprefix("Banner ").removesuffix(" sub-site-1")
    paragraphs = [line.strip() for line in lines[1:] if line.strip()]
    source_at = next(i for i, p in enumerate(paragraphs) if p.startswith(SOURCE_PREFIX))
    related_at = paragraphs.index(RELATED_HEADING)
    # Each headline is written twice (the link's title and its text): keep the first.
    headlines = dict.fromkeys(
        part for line in paragraphs[related_at + 1 :] for part in _split_run_together(line)
    )
    return Story(
        banner=banner,
        title=paragraphs[0],
        lead=paragraphs[1],
        body=tuple(paragraphs[2:source_at]),
        source=paragraphs[source_at].removeprefix(SOURCE_PREFIX),
        headlines=tuple(headlines),
    )


def paragraphs_html(paragraphs) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


@dataclass(frozen=True)
class DemoSite:
    title: str
    slug: str
    hostname: str
    unit_code: str
    banner: str
    address: str
    email: str
    default: bool
    publisher: str  # the demo login that publishes its pages (none: the operator)


BOARD = DemoSite(
    title="Ban Tổ chức Tỉnh ủy Nghệ An",
    slug="ban-to-chuc-tinh-uy",
    hostname="127.0.0.1",
    unit_code="BTC-TU",
    banner="",  # from the story file
    address="Tỉnh ủy Nghệ An, thành phố Vinh, tỉnh Nghệ An (địa chỉ minh họa của bản demo)",
    email="btc.tinhuy@example.org",
    default=True,
    publisher="btc.tinh",
)
COMMUNE = DemoSite(
    title="Đảng bộ xã Tân Kỳ",
    slug="dang-bo-xa-tan-ky",
    hostname="tanky.localhost",
    unit_code="X25-TANKY",
    banner="Đảng bộ xã Tân Kỳ",
    address="Xã Tân Kỳ, tỉnh Nghệ An (địa chỉ minh họa của bản demo)",
    email="dangbo.tanky@example.org",
    default=False,
    publisher="admin",
)
BOARD_CATEGORY = "Tin hoạt động"
COMMUNE_CATEGORY = "Tin tức - Sự kiện"
# The commune's few items: (date, title, body), all marked as demo entries.
COMMUNE_ITEMS = (
    (
        datetime.date(2025, 7, 1),
        "Đảng bộ xã Tân Kỳ bắt đầu hoạt động theo mô hình mới",
        "Từ ngày 01/7/2025, Đảng bộ xã Tân Kỳ được thành lập trên cơ sở hợp nhất thị trấn "
        "Tân Kỳ và các xã Nghĩa Dũng, Kỳ Tân, Kỳ Sơn.",
    ),
    (
        datetime.date(2025, 9, 15),
        "Chi bộ xóm Kỳ Tân sinh hoạt chuyên đề quý III",
        "Chi bộ xóm Kỳ Tân sinh hoạt chuyên đề về nâng cao chất lượng sinh hoạt chi bộ.",
    ),
    (
        datetime.date(2025, 11, 20),
        "Kiện toàn các chi bộ trực thuộc sau hợp nhất",
        "Ban Thường vụ Đảng ủy xã rà soát, kiện toàn cấp ủy các chi bộ trực thuộc.",
    ),
)


def _child(parent: Page, model, slug: str, *, user, **fields):
    """The child page `slug` of `parent`, created and published by `user` unless it exists."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = model(slug=slug, owner=user, **fields)
    parent.add_child(instance=page)
    # The demo publishes as the editor would, whatever workflow the site has.
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def _article(category: CategoryPage, *, user, title, lead, body_html, date, source="", author=""):
    body = [("paragraph", body_html)] if body_html else []
    return _child(
        category,
        ArticlePage,
        page_slug(title),
        user=user,
        title=title,
        lead=lead,
        body=body,
        date=date,
        source=source,
        author=author,
    )


def _site(home: PortalHomePage, demo: DemoSite) -> Site:
    """The Wagtail Site of `home`; the Board's takes over Wagtail's first (default) Site."""
    site = Site.objects.filter(root_page=home).first()
    if site is None and demo.default:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(root_page=home)
    wanted = {
        "hostname": demo.hostname,
        "port": PORT,
        "root_page_id": home.pk,
        "site_name": demo.title,
        "is_default_site": demo.default,
    }
    if site.pk is None or any(getattr(site, k) != v for k, v in wanted.items()):
        for key, value in wanted.items():
            setattr(site, key, value)
        site.save()
    return site


def _settings(site: Site, demo: DemoSite, banner: str) -> PortalSettings:
    settings = PortalSettings.for_site(site)
    wanted = {
        "site_name": demo.title,
        "banner_text": banner,
        "footer_address": demo.address,
        "footer_email": demo.email,
        "unit_id": Unit.objects.get(code=demo.unit_code).pk,
    }
    if any(getattr(settings, k) != v for k, v in wanted.items()):
        for key, value in wanted.items():
            setattr(settings, key, value)
        settings.save()
    return settings


def _home(root: Page, demo: DemoSite, user) -> PortalHomePage:
    return _child(root, PortalHomePage, demo.slug, user=user, title=demo.title)


def _retire_wagtail_welcome(root: Page, user) -> None:
    """Wagtail's "Welcome to your new Wagtail site!" page, once no Site points at it."""
    for page in root.get_children().filter(title__in=WAGTAIL_WELCOME):
        if (
            page.specific_class is Page
            and not page.get_children().exists()
            and not Site.objects.filter(root_page=page).exists()
        ):
            # Its deletion is logged under its title: the site history reads Vietnamese.
            Page.objects.filter(pk=page.pk).update(
                title=WAGTAIL_WELCOME[1], draft_title=WAGTAIL_WELCOME[1]
            )
            page.refresh_from_db()
            page.delete(user=user, skip_permission_checks=True)


def _root() -> Page:
    """The tree's root; a flushed database (a transactional test, a restore's target) has
    lost the one Wagtail's migrations made, so it is made again as they make it."""
    root = Page.get_first_root_node()
    if root is not None:
        return root
    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(
        language_code=get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
    )
    return Page.add_root(
        instance=Page(
            title=ROOT_TITLE,
            draft_title=ROOT_TITLE,
            slug="root",
            locale=locale,
            content_type=ContentType.objects.get_for_model(Page),
        )
    )


@transaction.atomic
def ensure_demo_portal() -> tuple[Site, Site]:
    """Create the two demo sub-sites (Board, commune) unless they exist; return their Sites.

    Run after the demo logins exist: the Board's editor publishes its pages, the operator the
    commune's (Wagtail's reports name who published)."""
    users = {u.username: u for u in User.objects.filter(username__in=["admin", "btc.tinh"])}
    board_user, commune_user = users.get(BOARD.publisher), users.get(COMMUNE.publisher)
    root = _root()
    if root.title != ROOT_TITLE:
        Page.objects.filter(pk=root.pk).update(title=ROOT_TITLE, draft_title=ROOT_TITLE)
        root.refresh_from_db()
    story = read_story()

    board_home = _home(root, BOARD, board_user)
    board_site = _site(board_home, BOARD)
    _settings(board_site, BOARD, story.banner)
    category = _child(
        board_home, CategoryPage, page_slug(BOARD_CATEGORY), user=board_user, title=BOARD_CATEGORY
    )
    # The headlines first, dated the days before the article, newest first as listed.
    for days_before, headline in enumerate(story.headlines, start=1):
        _article(
            category,
            user=board_user,
            title=headline,
            lead=DEMO_LEAD,
            body_html=paragraphs_html(
                [f"{DEMO_LEAD} Bài gốc chỉ cho biết tiêu đề, trong mục “{RELATED_HEADING}”."]
            ),
            date=ARTICLE_DATE - datetime.timedelta(days=days_before),
        )
    _article(
        category,
        user=board_user,
        title=story.title,
        lead=story.lead,
        body_html=paragraphs_html(story.body),
        date=ARTICLE_DATE,
        source=story.source,
    )
    _retire_wagtail_welcome(root, users.get("admin"))

    commune_home = _home(root, COMMUNE, commune_user)
    commune_site = _site(commune_home, COMMUNE)
    _settings(commune_site, COMMUNE, COMMUNE.banner)
    news = _child(
        commune_home,
        CategoryPage,
        page_slug(COMMUNE_CATEGORY),
        user=commune_user,
        title=COMMUNE_CATEGORY,
    )
    for date, title, text in COMMUNE_ITEMS:
        _article(
            news,
            user=commune_user,
            title=title,
            lead=DEMO_LEAD,
            body_html=paragraphs_html([f"{DEMO_LEAD} {text}"]),
            date=date,
            author="Ban biên tập (bản demo)",
        )
    return board_site, commune_site
