"""Reads of notices: always the user's own (`permissions.notice_policy`)."""

from django.db.models import QuerySet

from dangbo.notices.models import NoticeKind, NoticePreference
from dangbo.notices.permissions import notice_policy


def notice_list_visible_to(*, user, unread_only: bool = False) -> QuerySet:
    notices = notice_policy.visible(user).select_related("content_type")
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    return notices.order_by("read_at", "-occasion", "-pk") if unread_only else notices


def unread_count(*, user) -> int:
    return notice_policy.visible(user).filter(read_at__isnull=True).count()


def email_kinds_of(*, user) -> list[str]:
    """The kinds that reach the user by e-mail: every kind until they choose."""
    chosen = (
        NoticePreference.objects.filter(user_id=getattr(user, "pk", None))
        .values_list("email_kinds", flat=True)
        .first()
    )
    return list(NoticeKind.values) if chosen is None else list(chosen)
