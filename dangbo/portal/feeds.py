"""RSS of a sub-site and of a category (Django's syndication framework), latest first."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.portal.selectors import category_articles, published_articles

FEED_LIMIT = 20


class ArticleFeed(Feed):
    request = None

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        if item.date is None:
            return item.first_published_at
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_author_name(self, item):
        return item.author or None


class SiteFeed(ArticleFeed):
    """The latest articles of the sub-site whose home is `home`."""

    def get_object(self, request, home):
        self.request = request
        return home

    def title(self, home):
        from dangbo.portal.selectors import portal_site

        settings = portal_site(self.request)["settings"]
        return settings.name if settings else home.title

    def link(self, home):
        return home.get_url(self.request)

    def description(self, home):
        return _("The latest articles of %(site)s") % {"site": self.title(home)}

    def items(self, home):
        articles = published_articles().filter(path__startswith=home.path, depth=home.depth + 2)
        return articles[:FEED_LIMIT]


class CategoryFeed(ArticleFeed):
    def get_object(self, request, category):
        self.request = request
        return category

    def title(self, category):
        return category.title

    def link(self, category):
        return category.get_url(self.request)

    def description(self, category):
        return _("The latest articles of the category %(category)s") % {"category": category.title}

    def items(self, category):
        return category_articles(category=category)[:FEED_LIMIT]
