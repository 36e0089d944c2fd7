"""The answer to a login refused by django-axes (too many wrong passwords): our own page.

Axes' default is a line of English; an office user gets a Vietnamese page in the admin's
look that says how long to wait and who can unlock the account sooner.
"""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page, status 429 (Too Many Requests)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    return render(request, "dangbo/lockout.html", context, status=429)
