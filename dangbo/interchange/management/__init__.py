"""What `dangbo import` and `dangbo export` share."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from dangbo.org import scope


def actor_named(username: str | None):
    """The user `--user` names, or the operator at the console when it is not given."""
    if not username:
        return scope.OPERATOR
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(_("No user is called %(user)s.") % {"user": username}) from None
