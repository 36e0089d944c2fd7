"""The sub-sites' addresses outside the page tree: sitemap.xml and robots.txt, per site
(the host name picks the Wagtail Site). The RSS feeds are routes of the home and category
pages (`rss/` under each)."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from dangbo.portal.views import robots_txt

app_name = "portal"

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]
