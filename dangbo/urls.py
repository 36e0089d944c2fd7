from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls

from dangbo.portal import permissions as portal_permissions
from dangbo.portal.cache import cached_page
from dangbo.portal.search import search_view
from dangbo.worker.views import healthz

handler404 = "dangbo.core.views.not_found.page_not_found"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Before Wagtail's own, which name pages of other sub-sites (dangbo/portal/permissions.py).
    *portal_permissions.admin_urls(),
    path("admin/", include(wagtailadmin_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("tim-kiem/", search_view, name="portal_search"),
    path("", include("dangbo.portal.urls")),
    # Wagtail's page serving, cached for anonymous readers (dangbo/portal/cache.py); the
    # same pattern as Wagtail's own (but its _util/ routes), which stays below for its name.
    re_path("^(?!_util/)" + wagtail_urls.serve_pattern[1:], cached_page(wagtail_views.serve)),
    path("", include(wagtail_urls)),
]
