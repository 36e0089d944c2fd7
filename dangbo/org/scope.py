"""Tree-scoped access: a user attached to a unit acts on that unit and the units below it.

The one policy every selector, screen and command asks. A superuser (the installation's
operator) sees everything; a user without a unit sees nothing.
"""

from dangbo.accounts.models import UserRole
from dangbo.org.models import Unit

# Roles that keep the organization's records (units, people, posts).
RECORD_KEEPERS = frozenset({UserRole.ORGANIZATION_OFFICE})

VIEW = "view"
CHANGE = "change"


def is_unrestricted(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def scope_path(user) -> str | None:
    """The path prefix of the user's subtree; "" for everything, None for nothing."""
    if is_unrestricted(user):
        return ""
    if not (user and user.is_authenticated and user.is_active and user.unit_id):
        return None
    if getattr(user, "_scope_path", None) is None:
        user._scope_path = Unit.objects.values_list("path", flat=True).get(pk=user.unit_id)
    return user._scope_path


def filter_by_unit_path(queryset, user, unit_field: str = ""):
    """Restrict a queryset to rows whose unit lies in the user's subtree."""
    prefix = scope_path(user)
    if prefix is None:
        return queryset.none()
    if prefix == "":
        return queryset
    lookup = f"{unit_field}__path__startswith" if unit_field else "path__startswith"
    return queryset.filter(**{lookup: prefix})


def can(user, action: str, unit: Unit | None) -> bool:
    """May `user` do `action` (VIEW or CHANGE) on a record of `unit`?"""
    prefix = scope_path(user)
    if prefix is None:
        return False
    if action == CHANGE and not (is_unrestricted(user) or user.role in RECORD_KEEPERS):
        return False
    if prefix == "":
        return True
    return unit is not None and unit.path.startswith(prefix)


def may_change_any(user) -> bool:
    return scope_path(user) is not None and (is_unrestricted(user) or user.role in RECORD_KEEPERS)
