"""The public sub-sites (cổng thông tin): one Wagtail Site per committee, its tree always
home → category (chuyên mục) → article, and its banner and footer as site settings."""

from django.core.paginator import Paginator
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.signals import post_page_move

from dangbo.portal.blocks import ArticleBodyBlock

# Articles a category page lists per page (its `?trang=` parameter).
ARTICLES_PER_PAGE = 10
PAGE_PARAMETER = "trang"


class PortalHomePage(RoutablePageMixin, Page):
    """A sub-site's home (trang chủ): the root page of one Wagtail Site."""

    featured_article = models.ForeignKey(
        "portal.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured article"),
        help_text=_("Shown first on the home page; empty: the latest published article."),
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two about the sub-site, shown under the featured article."),
    )

    content_panels = [*Page.content_panels, FieldPanel("featured_article"), FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.CategoryPage", "portal.DisciplineListIndexPage"]
    template = "portal/home_page.html"

    class Meta:
        verbose_name = _("sub-site home page")
        verbose_name_plural = _("sub-site home pages")

    def get_context(self, request, *args, **kwargs):
        from dangbo.portal.selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(home=self))
        return context

    @path("rss/", name="feed")
    def feed(self, request):
        from dangbo.portal.feeds import SiteFeed

        return SiteFeed()(request, home=self)


class CategoryPage(RoutablePageMixin, Page):
    """A category (chuyên mục) of a sub-site: its articles, newest first, 10 a page."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the list of articles.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["portal.PortalHomePage"]
    subpage_types = ["portal.ArticlePage"]
    template = "portal/category_page.html"

    class Meta:
        # "category" alone is the discipline's limitation category (loại thời hiệu).
        verbose_name = pgettext_lazy("portal", "category")
        verbose_name_plural = pgettext_lazy("portal", "categories")

    def get_context(self, request, *args, **kwargs):
        from dangbo.portal.selectors import category_articles

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(category_articles(category=self), ARTICLES_PER_PAGE)
        context["articles"] = paginator.get_page(request.GET.get(PAGE_PARAMETER))
        context["page_parameter"] = PAGE_PARAMETER
        return context

    @path("rss/", name="feed")
    def feed(self, request):
        from dangbo.portal.feeds import CategoryFeed

        return CategoryFeed()(request, category=self)


class ArticlePage(Page):
    """An article (bài viết) of a category: its category is the parent page."""

    lead = models.TextField(
        _("lead"),
        help_text=_("The sapo: one or two sentences in plain text, shown in bold under the title."),
    )
    body = StreamField(
        ArticleBodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("Paragraphs of text and images with their captions."),
    )
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where the article comes from, e.g. baonghean.vn; shown as “Nguồn: …”."),
    )
    date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Shown as dd/mm/yyyy; empty: the day the article is first published."),
    )
    author = models.CharField(_("author"), max_length=255, blank=True)
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
        help_text=_("Shown above the body and in the lists; its description is its alt text."),
    )
    main_image_caption = models.CharField(
        _("caption of the main image"), max_length=500, blank=True
    )
    # The parent category, copied onto the row (kept in step on every save and by the
    # post_page_move signal) so that "Tin cùng chuyên mục" and the home's blocks walk the
    # index below, newest first, and stop after the few rows they show.
    category = models.ForeignKey(
        "portal.CategoryPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # the composite index below starts with it
        verbose_name=_("category"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_caption")], heading=_("main image")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("author"), FieldPanel("date")],
            heading=_("source, author and date"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        # The accent-insensitive copy the public search matches (dangbo/portal/search.py).
        index.SearchField("search_folded"),
        index.FilterField("date"),
    ]

    parent_page_types = ["portal.CategoryPage"]
    subpage_types: list[str] = []
    template = "portal/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["category", "-date", "-page_ptr"], name="portal_article_newest"),
        ]

    def save(self, *args, **kwargs):
        # The date defaults to the first publication (Wagtail sets first_published_at when
        # the first revision is published, then saves the page).
        if self.date is None and self.first_published_at is not None:
            self.date = timezone.localdate(self.first_published_at)
        # The category from the tree (the parent), on every save: a revision published
        # after a move, or a copy, carries the old value.
        if self.path and len(self.path) > self.steplen:
            self.category_id = (
                Page.objects.filter(path=self.path[: -self.steplen])
                .values_list("pk", flat=True)
                .first()
            )
        return super().save(*args, **kwargs)

    @property
    def search_folded(self) -> str:
        """Title, lead and body text folded ("Đại hội" -> "dai hoi"), then each word spelled
        with its exact marks: what the public search matches and ranks by."""
        from dangbo.portal.search import folded_search_text

        body = self.body.stream_block.get_searchable_content(self.body) if self.body else []
        return folded_search_text(self.title, self.lead, *body)

    @property
    def display_date(self):
        if self.date is not None:
            return self.date
        if self.first_published_at is not None:
            return timezone.localdate(self.first_published_at)
        return None

    def get_context(self, request, *args, **kwargs):
        from dangbo.portal.selectors import RELATED_LIMIT, same_category_articles

        context = super().get_context(request, *args, **kwargs)
        context["category"], context["related"] = same_category_articles(
            article=self, limit=RELATED_LIMIT
        )
        return context


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """A sub-site's name, banner, footer and the party unit it belongs to."""

    site_name = models.CharField(
        _("sub-site name"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Ban Tổ chức Tỉnh ủy Nghệ An; shown in the banner and the page titles."),
    )
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("banner image"),
        help_text=_("A wide image across the top of every page (about 1200 × 200 pixels)."),
    )
    banner_text = models.CharField(
        _("banner text"),
        max_length=255,
        blank=True,
        help_text=_("The words in the banner; empty: the sub-site name."),
    )
    footer_address = models.TextField(_("address"), blank=True)
    footer_phone = models.CharField(_("phone"), max_length=50, blank=True)
    footer_email = models.EmailField(_("e-mail"), blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portal_settings",
        verbose_name=_("unit"),
        help_text=_("The party unit whose sub-site this is: its editors edit this sub-site."),
    )

    select_related = ["site", "banner_image", "unit"]

    panels = [
        FieldPanel("site_name"),
        FieldPanel("unit"),
        MultiFieldPanel(
            [FieldPanel("banner_image"), FieldPanel("banner_text")], heading=_("banner")
        ),
        MultiFieldPanel(
            [FieldPanel("footer_address"), FieldPanel("footer_phone"), FieldPanel("footer_email")],
            heading=_("footer"),
        ),
    ]

    class Meta:
        verbose_name = _("sub-site settings")
        verbose_name_plural = _("sub-site settings")

    @property
    def name(self) -> str:
        return self.site_name or self.site.site_name or self.site.hostname

    @property
    def banner(self) -> str:
        return self.banner_text or self.name


@receiver(post_page_move, dispatch_uid="dangbo.portal.models.article_moved")
def _article_moved(sender, instance, parent_page_after, **kwargs):
    """A moved article's `category` follows its new parent (Wagtail's move saves the base
    Page, not ArticlePage.save)."""
    ArticlePage.objects.filter(pk=instance.pk).update(category_id=parent_page_after.pk)


# The published discipline lists' page types (their own module; imported for Django to load).
from dangbo.portal.lists import DisciplineListIndexPage, DisciplineListPage  # noqa: E402, F401
