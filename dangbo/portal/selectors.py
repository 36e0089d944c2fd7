"""What the public pages show: published articles only, each list in a bounded number of
queries (one per list, whatever the number of articles)."""

from django.core.cache import cache
from django.db.models import F
from wagtail.models import Page, Site

from dangbo.portal.models import ArticlePage, CategoryPage, PortalHomePage, PortalSettings

# "Tin cùng chuyên mục": how many of the same category's articles an article lists (the
# story's page lists 14).
RELATED_LIMIT = 14
# The home page: the latest articles of the whole sub-site, and of each category.
LATEST_LIMIT = 6
PER_CATEGORY_LIMIT = 4
NEWEST_FIRST = (
    F("date").desc(nulls_last=True),
    F("first_published_at").desc(nulls_last=True),
    F("pk").desc(),
)


# The order the index `portal_article_newest` (category, -date, -page_ptr) walks: a query on
# one category with it and a LIMIT reads only the rows it shows. (Published articles always
# have a date: ArticlePage.save fills it from the first publication.)
INDEXED_NEWEST_FIRST = ("-date", "-pk")


def published_articles():
    """Articles a reader may see: live and not in a private (restricted) part of the tree."""
    return (
        ArticlePage.objects.live()
        .public()
        .select_related("main_image")
        .defer_streamfields()
        .order_by(*NEWEST_FIRST)
    )


def _children(page: Page):
    """Pages just under `page`, from its tree path alone (no query for the parent)."""
    return {"path__startswith": page.path, "depth": page.depth + 1}


def category_articles(*, category: CategoryPage):
    """The category's published articles, newest first (a queryset, for the paginator)."""
    return published_articles().filter(**_children(category))


def _category_newest(category_id: int):
    """A category's published articles newest first, by the index (slice it)."""
    return (
        ArticlePage.objects.live()
        .public()
        .select_related("main_image")
        .defer_streamfields()
        .filter(category_id=category_id, date__isnull=False)
        .order_by(*INDEXED_NEWEST_FIRST)
    )


def same_category_articles(*, article: ArticlePage, limit: int = RELATED_LIMIT):
    """ "Tin cùng chuyên mục": (the category, its latest published articles but this one).

    Three queries: the category, Wagtail's view restrictions, and the articles: the index
    (category, -date, -page_ptr) walked newest first, the live check joined per row, stopped
    after `limit` rows — the category's size changes neither the count nor the work.
    """
    category_id = article.category_id
    # Not filtered on live/public: an article served is reachable, so is its category.
    category = CategoryPage.objects.filter(pk=category_id).first() if category_id else None
    if category is None:
        return None, []
    related = _category_newest(category.pk).exclude(pk=article.pk)
    return category, list(related[:limit])


def site_categories(*, home: PortalHomePage):
    return list(CategoryPage.objects.live().public().filter(**_children(home)).order_by("path"))


def home_sections(*, home: PortalHomePage) -> dict:
    """The home page's featured article, latest news and one block per category.

    Bounded by what is shown, not by the number of articles: the featured article (when
    chosen), the categories, then for each category one query on the index (its newest
    LATEST_LIMIT + 1, a LIMIT); its block is the first PER_CATEGORY_LIMIT of them, and the
    site's latest news the newest of all of them merged (the site's newest few are among
    the newest few of their categories).
    """
    featured = None
    if home.featured_article_id:
        featured = (
            published_articles()
            .filter(path__startswith=home.path, depth=home.depth + 2)
            .filter(pk=home.featured_article_id)
            .first()
        )
    categories = site_categories(home=home)
    take = max(LATEST_LIMIT + 1, PER_CATEGORY_LIMIT)
    sections, merged = [], []
    for category in categories:
        newest = list(_category_newest(category.pk)[:take])
        sections.append((category, newest[:PER_CATEGORY_LIMIT]))
        merged.extend(newest)
    merged.sort(key=lambda a: (a.date, a.pk), reverse=True)
    latest = merged[: LATEST_LIMIT + 1]
    if featured is None and latest:
        featured = latest[0]
    latest = [a for a in latest if a.pk != featured.pk][:LATEST_LIMIT] if featured else []
    return {"featured": featured, "latest": latest, "categories": categories, "sections": sections}


SITE_PARTS_SECONDS = 3600


def _site_parts(site: Site) -> tuple:
    """(settings, home, categories) of a sub-site, kept in the cache until the next purge
    (cache.generation: a page published, unpublished, moved or deleted, a restriction, the
    site or its settings saved): every page of the site shows them, and reading them was a
    third of an uncached article's time."""
    from dangbo.portal.cache import generation

    key = f"dangbo:portal:site:{site.pk}:{generation()}"
    parts = cache.get(key)
    if parts is None:
        settings = PortalSettings.for_site(site)
        if settings.banner_image_id:
            settings.banner_image  # noqa: B018 (read now, kept with the settings)
        home = PortalHomePage.objects.filter(pk=site.root_page_id).first()
        categories, lists = [], None
        if home is not None:
            categories = site_categories(home=home)
            lists = published_lists_index(home=home)
        parts = (settings, home, categories, lists)
        cache.set(key, parts, SITE_PARTS_SECONDS)
    return parts


def published_lists_index(*, home: PortalHomePage):
    """The sub-site's "Công bố kỷ luật" page (made by its first published list), or None."""
    from dangbo.portal.lists import DisciplineListIndexPage

    return DisciplineListIndexPage.objects.live().public().filter(**_children(home)).first()


def portal_site(request) -> dict:
    """The sub-site a request is on: its settings, home and categories (the base template's
    banner, menu and footer). Cached on the request, and per site until the next purge."""
    cached = getattr(request, "_dangbo_portal_site", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    result = {"site": site, "settings": None, "home": None, "categories": [], "lists": None}
    if site is not None:
        parts = _site_parts(site)
        result["settings"], result["home"], result["categories"], result["lists"] = parts
    request._dangbo_portal_site = result
    return result
