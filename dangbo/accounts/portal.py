"""The portal's editors and approvers: Wagtail's rights on their own sub-site, from their grants.

Wagtail reads page and collection rights from Django groups, so an active grant of the editor
or the approver role (docs/roles.md) on a unit is mirrored as membership of the editors' or
approvers' group of the sub-site(s) whose settings name that unit (`dangbo.portal.permissions`
keeps the groups, their rights and the approval workflow). The membership follows the grants:
it is brought in step when a grant is given or changed, when the demo logins are made, and at
each login (a grant that has ended since then stops there).
"""

from django.utils import timezone

from dangbo.accounts.models import UserRole, active_on

PORTAL_ROLES = (UserRole.EDITOR, UserRole.PORTAL_APPROVER)


def is_editor(user) -> bool:
    """Does the user hold an active editor or approver grant (the portal's roles)?"""
    return user.grants.filter(active_on(timezone.localdate()), role__in=PORTAL_ROLES).exists()


def sync_portal_access(user) -> None:
    """Put the user in exactly the sub-site groups their active grants call for."""
    if user is None or user.pk is None:
        return
    # The portal app builds on accounts; imported here, when the apps are ready.
    from dangbo.portal.permissions import sync_user

    sync_user(user)
