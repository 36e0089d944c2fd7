"""The 404 page: the back office's own under /admin/, the sub-site's everywhere else.

Django renders one `404.html` for the whole site, the public sub-site's (banner, menu,
footer); an address of the back office that does not exist (or a record out of the user's
reach, which answers 404 by design) should stay in the back office, with a way home.
"""

from django.shortcuts import render
from django.urls import reverse
from django.views import defaults


def page_not_found(request, exception=None):
    if request.path.startswith(reverse("wagtailadmin_home")):
        return render(request, "wagtailadmin/404.html", status=404)
    return defaults.page_not_found(request, exception)
