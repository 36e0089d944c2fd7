"""One permission policy per model: which roles may do what, answered by the unit tree.

Each app declares its models' policies in its `permissions.py` and registers them with
Wagtail (`register_permission_policy`), so that every door — the back-office viewsets, the
services, the importer (per file and per row), the exporter, `--user` on the command line,
the review screens and the API — asks the same object. Where the units come from is
`dangbo.org.scope`; docs/roles.md is the matrix of role × record × action these declare
(a test compares them).
"""

from collections.abc import Callable, Iterable
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from dangbo.accounts.models import UserRole
from dangbo.org import scope

VIEW = "view"
ADD = "add"
CHANGE = "change"
# Approve (a plan, a rating round) or let a finding stand with a written reason.
DECIDE = "decide"

# Role groups the policies are written with.
OFFICE = frozenset({UserRole.ORGANIZATION_OFFICE})
STANDING = frozenset({UserRole.STANDING_COMMITTEE})
INSPECTION = frozenset({UserRole.INSPECTION})
HELPERS = frozenset({UserRole.HELPER_BODY})
COMMITTEE = frozenset({UserRole.COMMITTEE_MEMBER})
SECRETARIES = frozenset({UserRole.GRASSROOTS_SECRETARY})
EDITORS = frozenset({UserRole.EDITOR})
EVERY_ROLE = frozenset(UserRole.values)

# Every policy this project registers, in the order of docs/roles.md.
POLICIES: list["ScopedPolicy"] = []


class ScopedPolicy(BasePermissionPolicy):
    """A model's rights: `rights[action]` are the roles that may do it on their units.

    VIEW: the grants of `rights[VIEW]` see what their units cover (`visible(user)`, the
    model's selector run for those grants only); a user without such a grant sees none of
    these records, and no menu entry, screen, review or export of them. Every role when the
    policy does not say. Any other action needs a grant of one of `rights[action]` whose
    subtree holds every unit of the record (`units_of(instance)`); the database side of that
    is `unit_fields`. The operator may do everything.
    """

    def __init__(
        self,
        model,
        *,
        visible: Callable[[object], QuerySet],
        unit_fields: tuple[str, ...],
        rights: dict[str, frozenset],
        units_of: Callable[[object], Iterable] | None = None,
    ):
        super().__init__(model)
        self._visible = visible
        self.units_of = units_of or self._units_in_fields
        self.unit_fields = unit_fields
        self.rights = {action: frozenset(roles) for action, roles in rights.items()}
        self.rights.setdefault(VIEW, EVERY_ROLE)

    def visible(self, user) -> QuerySet:
        """The records the user sees: none without a grant of a role that views them."""
        viewers = self.roles_for(VIEW)
        if not scope.may_any(user, viewers):
            return self.model._default_manager.none()
        return self._visible(scope.as_roles(user, viewers))

    def _units_in_fields(self, instance) -> list:
        """The record's units, read along `unit_fields` ("" is the record itself)."""
        units = []
        for field in self.unit_fields:
            value = instance
            for step in field.split("__") if field else ():
                value = getattr(value, step) if value is not None else None
            if value is not None:
                units.append(value)
        return units

    def roles_for(self, action: str) -> frozenset:
        return self.rights.get(action, frozenset())

    # Unit-level questions, for services and the importer.

    def can(self, user, action: str, unit) -> bool:
        if action == VIEW:
            return scope.can(user, scope.VIEW, unit, self.roles_for(VIEW))
        return scope.can(user, scope.CHANGE, unit, self.roles_for(action))

    def require(self, user, action: str, unit, message: str | None = None) -> None:
        """For services: PermissionError unless the user may do `action` on `unit`."""
        if not self.can(user, action, unit):
            raise PermissionError(message or _("You may not change records of this unit."))

    def may(self, user, action: str) -> bool:
        """May the user do `action` on this kind of record anywhere?"""
        return scope.may_any(user, self.roles_for(action))

    def writable(self, user, action: str = CHANGE) -> QuerySet:
        """The records whose units all lie where the user may do `action`."""
        paths = scope.write_paths(user, self.roles_for(action))
        records = self.visible(user)
        if paths is None:
            return records
        for field in self.unit_fields:
            inside = scope.unit_condition(paths, field)
            records = records.filter(inside | Q(**{f"{field}__isnull": True}))
        return records

    # Wagtail's permission-policy API, used by the viewsets.

    def user_has_permission(self, user, action):
        return self.may(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.may(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == VIEW:
            return self.visible(user).filter(pk=instance.pk).exists()
        units = list(self.units_of(instance))
        return bool(units) and all(self.can(user, action, unit) for unit in units)

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        if VIEW in actions:
            return self.visible(user)
        querysets = [self.writable(user, a) for a in actions if self.may(user, a)]
        if not querysets:
            return self.model._default_manager.none()
        return reduce(or_, querysets)

    def users_with_any_permission(self, actions):
        from dangbo.accounts.models import Grant, active_on

        grants = Grant.objects.filter(active_on(timezone.localdate()))
        grants = grants.filter(role__in=set().union(*(self.roles_for(a) for a in actions)))
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(pk__in=grants.values("user_id")), is_active=True
        )


# The words of docs/roles.md's matrix for each action, in its order.
MATRIX_WORDS = {VIEW: "xem", ADD: "thêm", CHANGE: "sửa", DECIDE: "duyệt"}


def matrix() -> list[tuple[str, dict[str, tuple[str, ...]]]]:
    """(model label, {role: actions}) for every registered policy: docs/roles.md's table."""
    rows = []
    for policy in POLICIES:
        by_role = {}
        for role in UserRole.values:
            by_role[role] = tuple(a for a in MATRIX_WORDS if role in policy.roles_for(a))
        rows.append((policy.model._meta.label, by_role))
    return rows


def role_names(roles) -> str:
    """The roles' names, for a message ("Ủy ban Kiểm tra")."""
    return ", ".join(str(UserRole(role).label) for role in sorted(roles)) or _("no role")


def register(policy: ScopedPolicy) -> ScopedPolicy:
    """Register `policy` with Wagtail for its model, and in this project's list."""
    register_permission_policy(policy.model, policy, exact_class=True)
    POLICIES.append(policy)
    return policy


def policy_for(model) -> ScopedPolicy:
    """The registered policy of `model` (a model class or instance)."""
    model = model if isinstance(model, type) else type(model)
    policy = policy_registry.get_by_type(model, fallback=False)
    if not isinstance(policy, ScopedPolicy):
        raise LookupError(f"No dangbo permission policy is registered for {model.__name__}")
    return policy
