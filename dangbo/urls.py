from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from dangbo.portal import permissions as portal_permissions

urlpatterns = [
    # Before Wagtail's own, which name pages of other sub-sites (dangbo/portal/permissions.py).
    *portal_permissions.admin_urls(),
    path("admin/", include(wagtailadmin_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("", include("dangbo.portal.urls")),
    path("", include(wagtail_urls)),
]
