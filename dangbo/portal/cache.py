"""The sub-sites' pages cached for anonymous readers, in Django's cache (settings.CACHES:
this process's memory by default, Redis shared by every app server when DANGBO_REDIS_URL is
set), and purged when a page is published, unpublished, moved or deleted, or a sub-site's
settings change.

Purging is a new *generation*: every cached page's key holds the current generation, so one
write to the cache retires every page at once (a publication changes the article, its
category's list, the home and the "Tin cùng chuyên mục" of its neighbours; finding each of
those addresses would cost more than it saves, and publishing is rare beside reading).

Never cached: a request with a session or messages cookie (a logged-in editor, a reader who
just sent a form), anything but GET/HEAD, a query string other than the list's `?trang=N`,
and any response that is not a plain 200, sets a cookie, used the CSRF token (a form, such
as a private page's password form), queued a message, or says private/no-cache/no-store.
Previews are served by the admin, never through here.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

CACHE_SECONDS = 300
GENERATION_KEY = "dangbo:portal:generation"
CACHE_HEADER = "X-Dangbo-Cache"
_ALLOWED_PARAMETERS = {"trang"}


def generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = str(time.time_ns())
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return str(value)


def purge(**_ignored) -> None:
    """Retire every cached page now, and again once the transaction commits (a reader
    served between the two could otherwise cache the page as it was before the commit)."""

    def bump():
        cache.set(GENERATION_KEY, str(time.time_ns()), None)

    bump()
    transaction.on_commit(bump)


def _settings_saved(*, created=False, **_ignored) -> None:
    # A sub-site's settings are created empty on their first read (a page being served):
    # nothing shown changes then.
    if not created:
        purge()


def cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    for name, values in request.GET.lists():
        if name not in _ALLOWED_PARAMETERS or len(values) != 1 or not values[0].isdigit():
            return False
    return True


def cacheable_response(request, response) -> bool:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-cache", "no-store"))


def page_key(request) -> str:
    address = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"dangbo:portal:page:{generation()}:{digest}"


def cached_page(view):
    """Wrap Wagtail's `serve` view: anonymous readers get the cached copy when there is one."""

    @wraps(view)
    def serve(request, *args, **kwargs):
        if not cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response[CACHE_HEADER] = "hit"
            patch_vary_headers(response, ["Cookie"])
            return response
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)) and not response.is_rendered:
            response.render()
        if cacheable_response(request, response):
            cache.set(key, (response.content, response["Content-Type"]), CACHE_SECONDS)
            response[CACHE_HEADER] = "miss"
            patch_vary_headers(response, ["Cookie"])
        return response

    return serve


def connect_signals() -> None:
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from dangbo.portal.models import PortalSettings

    page_published.connect(purge, dispatch_uid="dangbo.portal.cache.published")
    page_unpublished.connect(purge, dispatch_uid="dangbo.portal.cache.unpublished")
    post_page_move.connect(purge, dispatch_uid="dangbo.portal.cache.moved")
    post_delete.connect(purge, sender=Page, dispatch_uid="dangbo.portal.cache.deleted")
    post_save.connect(
        _settings_saved, sender=PortalSettings, dispatch_uid="dangbo.portal.cache.settings"
    )
    # A page made private (or public again), and a site's host or root changed: what readers
    # may see changes without a publication.
    for model in (PageViewRestriction, Site):
        label = model._meta.model_name
        post_save.connect(purge, sender=model, dispatch_uid=f"dangbo.portal.cache.{label}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"dangbo.portal.cache.{label}.x")
