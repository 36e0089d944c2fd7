"""Tree-scoped access: a user attached to a unit acts on that unit and the units below it.

The one policy every selector, screen and command asks. A superuser (the installation's
operator) sees everything; a user without a unit sees nothing.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from dangbo.accounts.models import UserRole
from dangbo.org.models import Unit

# Roles that keep the organization's records (units, people, posts, rotations, surveys,
# supervision, ratings). Discipline cases are kept by the inspection commission.
RECORD_KEEPERS = frozenset({UserRole.ORGANIZATION_OFFICE})
DISCIPLINE_KEEPERS = frozenset({UserRole.INSPECTION})
# A board or department assigned to help a unit records the help it gave.
HELPERS = frozenset({UserRole.HELPER_BODY})
# Roles that decide: approve rating rounds and plans, and override a finding with a reason.
DECIDERS = frozenset({UserRole.STANDING_COMMITTEE})

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


def filter_by_unit_path(queryset, user, unit_field: str = "", *more_unit_fields: str):
    """Restrict a queryset to rows whose unit (any of the unit fields) lies in the subtree."""
    prefix = scope_path(user)
    if prefix is None:
        return queryset.none()
    if prefix == "":
        return queryset
    condition = Q()
    for field in (unit_field, *more_unit_fields):
        lookup = f"{field}__path__startswith" if field else "path__startswith"
        condition |= Q(**{lookup: prefix})
    return queryset.filter(condition)


def in_subtree(queryset, unit_field: str, unit: Unit):
    """Records of `unit` and every unit below it (a filter the user chose, not a scope)."""
    return queryset.filter(**{f"{unit_field}__path__startswith": unit.path})


def can(user, action: str, unit: Unit | None, keepers=RECORD_KEEPERS) -> bool:
    """May `user` do `action` (VIEW or CHANGE) on a record of `unit`?

    CHANGE needs one of `keepers` (the roles that keep this kind of record).
    """
    prefix = scope_path(user)
    if prefix is None:
        return False
    if action == CHANGE and not (is_unrestricted(user) or user.role in keepers):
        return False
    if prefix == "":
        return True
    return unit is not None and unit.path.startswith(prefix)


def require_change(user, unit: Unit | None, keepers=RECORD_KEEPERS) -> None:
    """For services: PermissionError unless `user` may change records of `unit`."""
    if not can(user, CHANGE, unit, keepers):
        raise PermissionError(_("You may not change records of this unit."))


def may_decide(user, unit: Unit | None) -> bool:
    """May `user` approve or override for `unit` (its standing committee, or the operator)?"""
    return can(user, CHANGE, unit, keepers=DECIDERS)


def may_change_any(user) -> bool:
    return scope_path(user) is not None and (is_unrestricted(user) or user.role in RECORD_KEEPERS)
