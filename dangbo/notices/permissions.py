"""Who may see and change notices: each user their own, no one another's.

A notice is personal (it is for one recipient, about a record their role reaches on the day
it was made); the operator at the command line runs the schedule but reads no one's notices.
Not a unit-scoped policy (`dangbo.org.policy.ScopedPolicy`): the recipient is the scope.
"""

from django.db.models import QuerySet

from dangbo.notices.models import Notice, NoticePreference


class NoticePolicy:
    model = Notice

    def visible(self, user) -> QuerySet[Notice]:
        """The user's own notices (none for an anonymous user or the operator)."""
        if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
            return Notice.objects.none()
        return Notice.objects.filter(recipient_id=user.pk)

    def may_view(self, user, notice: Notice) -> bool:
        return getattr(user, "pk", None) is not None and notice.recipient_id == user.pk

    def may_change(self, user, notice: Notice) -> bool:
        """Marking read: the recipient only."""
        return self.may_view(user, notice)

    def may_set_preference(self, user, preference: NoticePreference | None = None) -> bool:
        if getattr(user, "pk", None) is None:
            return False
        return preference is None or preference.user_id == user.pk


notice_policy = NoticePolicy()
