"""The user's unread notices among the due work of their home (`dangbo.home.registry`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from dangbo.home.registry import DueGroup, DueItem, register_due
from dangbo.notices import selectors

SHOWN = 5


@register_due
def unread_notices(user, today):
    unread = selectors.notice_list_visible_to(user=user, unread_only=True)
    total = unread.count()
    if not total:
        return None
    items = [
        DueItem(
            text=notice.title,
            url=notice.record_url(),
            due=notice.occasion,
            note=notice.get_kind_display(),
        )
        for notice in unread[:SHOWN]
    ]
    return DueGroup(
        "notices", _("Unread notices"), items, total, reverse("notices_index") + "?state=unread"
    )
