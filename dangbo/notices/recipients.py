"""Who a notice reaches: the users holding a role for a unit, and a member's own login.

"The standing committee's office", "the organization office" and "the inspection
commission" are the users with a grant of that role (`accounts.UserRole`) active on the
day whose reach covers the unit: the grant's unit and its subtree, and the units merged or
moved into it (their history, `dangbo.org.scope`), as their screens would show the record.
A committee member is the user whose login is linked to the member's person record
(`accounts.User.person`); a member without a login has none, and their notices go to the
office only.
"""

from collections.abc import Iterable
from datetime import date

from dangbo.accounts.models import Grant, User, active_on
from dangbo.org.scope import predecessor_paths


class Recipients:
    """Looks up role holders on one day; each grant's reach is read once per day."""

    def __init__(self, day: date):
        self.day = day
        self._grants: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self._history: dict[str, tuple[str, ...]] = {}
        self._logins: dict[int, int] | None = None

    def _reach(self, path: str) -> tuple[str, ...]:
        if path not in self._history:
            self._history[path] = (path, *predecessor_paths(path))
        return self._history[path]

    def _holders(self, role: str) -> list[tuple[int, tuple[str, ...]]]:
        if role not in self._grants:
            grants = (
                Grant.objects.filter(role=role, user__is_active=True)
                .filter(active_on(self.day))
                .values_list("user_id", "unit__path")
                .order_by("user_id", "pk")
            )
            self._grants[role] = [(user_id, self._reach(path)) for user_id, path in grants if path]
        return self._grants[role]

    def holding(self, role: str, units: Iterable) -> set[int]:
        """The ids of the users holding `role` for any of `units` on the day."""
        return self.holding_paths(
            role, {unit.path for unit in units if unit is not None and unit.path}
        )

    def holding_paths(self, role: str, paths: set[str]) -> set[int]:
        """The ids of the users holding `role` for any of the units at `paths` on the day."""
        return {
            user_id
            for user_id, reach in self._holders(role)
            if any(path.startswith(prefix) for path in paths for prefix in reach)
        }

    def logins(self) -> dict[int, int]:
        """person id → the id of the active user linked to that person (members with one)."""
        if self._logins is None:
            self._logins = dict(
                User.objects.filter(person__isnull=False, is_active=True).values_list(
                    "person_id", "pk"
                )
            )
        return self._logins
