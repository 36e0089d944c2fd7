"""What the public pages show: published articles only, each list in a bounded number of
queries (one per list, whatever the number of articles)."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber, Substr
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


def same_category_articles(*, article: ArticlePage, limit: int = RELATED_LIMIT):
    """ "Tin cùng chuyên mục": (the category, its latest published articles but this one).

    Three queries: the category, Wagtail's view restrictions, and the articles (found by the
    tree path shared with the article, so the number of articles changes nothing).
    """
    parent_path = article.path[: -ArticlePage.steplen]
    # Not filtered on live/public: an article served is reachable, so is its category.
    category = CategoryPage.objects.filter(path=parent_path).first() if parent_path else None
    if category is None:
        return None, []
    related = (
        published_articles()
        .filter(path__startswith=parent_path, depth=article.depth)
        .exclude(pk=article.pk)
    )
    return category, list(related[:limit])


def site_categories(*, home: PortalHomePage):
    return list(CategoryPage.objects.live().public().filter(**_children(home)).order_by("path"))


def home_sections(*, home: PortalHomePage) -> dict:
    """The home page's featured article, latest news and one block per category.

    Four queries: the featured article (when chosen), the latest, the categories, and the
    latest few of every category at once (numbered within each category by a window).
    """
    site_articles = published_articles().filter(path__startswith=home.path, depth=home.depth + 2)
    featured = None
    if home.featured_article_id:
        featured = site_articles.filter(pk=home.featured_article_id).first()
    latest = list(site_articles[: LATEST_LIMIT + 1])
    if featured is None and latest:
        featured = latest[0]
    latest = [a for a in latest if a.pk != featured.pk][:LATEST_LIMIT] if featured else []
    categories = site_categories(home=home)
    category_path_length = (home.depth + 1) * ArticlePage.steplen
    ranked = site_articles.annotate(
        category_path=Substr("path", 1, category_path_length),
        rank=Window(
            RowNumber(),
            partition_by=[Substr("path", 1, category_path_length)],
            order_by=list(NEWEST_FIRST),
        ),
    ).filter(rank__lte=PER_CATEGORY_LIMIT)
    by_category: dict[str, list] = {}
    for article in ranked:
        by_category.setdefault(article.category_path, []).append(article)
    sections = [(category, by_category.get(category.path, [])) for category in categories]
    return {"featured": featured, "latest": latest, "categories": categories, "sections": sections}


def portal_site(request) -> dict:
    """The sub-site a request is on: its settings, home and categories (the base template's
    banner, menu and footer). Cached on the request."""
    cached = getattr(request, "_dangbo_portal_site", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    result = {"site": site, "settings": None, "home": None, "categories": []}
    if site is not None:
        result["settings"] = PortalSettings.for_request(request)
        home = PortalHomePage.objects.filter(pk=site.root_page_id).first()
        result["home"] = home
        if home is not None:
            result["categories"] = site_categories(home=home)
    request._dangbo_portal_site = result
    return result
