"""Which units a user reaches, through their grants and the units' history (docs/roles.md).

The one mechanism every permission policy (`<app>/permissions.py`) asks; the policies say
which roles may do what with each kind of record, this module says where. A grant
(user, unit U, role, from, to) active today covers:

(a) U and its subtree — every unit whose parent chain reaches U, ended units included: history
    stays attached to the unit it happened in (RULES §7), and a dissolved unit keeps its
    children, so what happened under U while it was under U stays in reach;
(b) the predecessors of every unit in (a) through merge, split and move events (a rename
    keeps the unit), followed back transitively, with their subtrees — for reading only: the
    history of units merged or moved into U belongs to U's readers, and is kept by the
    committee above;
(c) a person whenever one of their posts, their membership or a record about them is covered
    (`dangbo.people.selectors`, from what each app registers);
(d) for some roles, units linked to the grant's tree by a record, with their subtrees — for
    reading only: a helper body reads the units it helps (`link_units`, registered by
    `dangbo.assessment.permissions`).

Which kinds of record a role reads at all is each policy's VIEW right (`dangbo.org.policy`):
`as_roles` narrows a user to the grants of those roles before a selector runs.

Writing needs a grant whose role keeps that kind of record, on a unit of (a). A grant on a
unit that has ended still reads its history; whatever it writes must lie within the life of
its unit, which the services check, so nothing dated after the end is written.

The superuser (the installation's operator) and `OPERATOR` (the command line without
`--user`) reach everything; a user without an active grant reaches nothing.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.org.models import EventKind, Unit

VIEW = "view"
CHANGE = "change"

# Events whose targets carry on the life of their sources (a rename keeps the unit itself; a
# move ends the unit under its old parent and starts its successor under the new one).
LINEAGE_EVENTS = (EventKind.MERGE, EventKind.SPLIT, EventKind.MOVE)


class _Operator:
    """The installation's operator at the command line: no user, every unit."""

    pk = None
    id = None
    username = "operator"
    is_active = True
    is_authenticated = True
    is_superuser = True

    def __str__(self):
        return _("the operator (command line)")


OPERATOR = _Operator()


@dataclass(frozen=True)
class Reach:
    """What one active grant covers: its subtree (read and write), history and linked units
    (read only)."""

    role: str
    unit_id: int
    path: str
    history: tuple[str, ...] = ()
    linked: tuple[str, ...] = ()

    @property
    def read_paths(self) -> tuple[str, ...]:
        return (self.path, *self.history, *self.linked)


# (roles, paths_of(grant's path) -> unit paths): what a grant of those roles reads beyond its
# tree (d). Registered by the apps that keep the linking records.
UNIT_LINKS: list[tuple[frozenset, object]] = []


def link_units(roles, paths_of) -> None:
    """Let grants of `roles` read the units `paths_of(path of the grant's unit)` returns."""
    entry = (frozenset(roles), paths_of)
    if entry not in UNIT_LINKS:
        UNIT_LINKS.append(entry)


def _linked_paths(role: str, path: str) -> tuple[str, ...]:
    found = set()
    for roles, paths_of in UNIT_LINKS:
        if role in roles:
            found.update(p for p in paths_of(path) if p and not p.startswith(path))
    return _minimal(found)


def is_unrestricted(user) -> bool:
    return bool(user is not None and user.is_active and user.is_superuser)


def reaches(user) -> list[Reach]:
    """The user's active grants with what each covers (kept on the user for the request)."""
    if user is None or not (user.is_authenticated and user.is_active) or user.pk is None:
        return []
    cached = getattr(user, "_dangbo_reaches", None)
    if cached is None:
        cached = user._dangbo_reaches = _compute_reaches(user)
    return cached


def forget(user) -> None:
    """Drop what `reaches` and the path functions kept, after the user's grants changed."""
    for kept in ("_dangbo_reaches", "_dangbo_paths"):
        if hasattr(user, kept):
            delattr(user, kept)


def _kept_paths(user, key, compute) -> tuple[str, ...]:
    """The paths of `key` for the user, computed once: the importer asks for each row."""
    if user is None:
        return compute()
    kept = getattr(user, "_dangbo_paths", None)
    if kept is None:
        kept = user._dangbo_paths = {}
    if key not in kept:
        kept[key] = compute()
    return kept[key]


def kept(user, key, compute):
    """What `compute()` gives for the user and `key`, computed once per user object (the
    request's), beside the paths (and dropped with them by `forget`)."""
    return _kept_paths(user, key, compute)


def _compute_reaches(user) -> list[Reach]:
    from dangbo.accounts.models import Grant, active_on

    today = timezone.localdate()
    grants = (
        Grant.objects.filter(user=user)
        .filter(active_on(today))
        .values_list("role", "unit_id", "unit__path")
        .order_by("pk")
    )
    history_of: dict[str, tuple[str, ...]] = {}
    result = []
    for role, unit_id, path in grants:
        if path not in history_of:
            history_of[path] = predecessor_paths(path)
        result.append(Reach(role, unit_id, path, history_of[path], _linked_paths(role, path)))
    return result


class _RolesView:
    """A user seen through some of their grants only (`as_roles`); everything else is theirs."""

    def __init__(self, user, reaches_kept):
        self.__dict__["_user"] = user
        self.__dict__["_dangbo_reaches"] = reaches_kept
        self.__dict__["_dangbo_paths"] = {}

    def __getattr__(self, name):
        return getattr(self.__dict__["_user"], name)


def as_roles(user, roles):
    """The user as seen through their grants of `roles` only (for a policy's VIEW right).

    The user itself when those are all their grants (or they are the operator), so the
    common case keeps the request's user and what it has kept.
    """
    if user is None or is_unrestricted(user):
        return user
    held = reaches(user)
    kept = [r for r in held if r.role in roles]
    if len(kept) == len(held):
        return user
    return _RolesView(user, kept)


def predecessor_paths(path: str) -> tuple[str, ...]:
    """Roots of the subtrees merged or split into the subtree at `path`, transitively (b)."""
    covered = [path]
    frontier = [path]
    while frontier:
        into = Q()
        for prefix in frontier:
            into |= Q(events_as_source__targets__path__startswith=prefix)
        sources = (
            Unit.objects.filter(Q(events_as_source__kind__in=LINEAGE_EVENTS) & into)
            .values_list("path", flat=True)
            .distinct()
        )
        frontier = list(_minimal(p for p in sources if not _within(p, covered)))
        covered.extend(frontier)
    return tuple(covered[1:])


def _within(path: str, prefixes) -> bool:
    return any(path.startswith(prefix) for prefix in prefixes)


def has_access(user) -> bool:
    """Does the user reach anything at all (the operator, or one active grant)?"""
    return is_unrestricted(user) or bool(reaches(user))


def roles_of(user) -> set[str]:
    return {reach.role for reach in reaches(user)}


def read_paths(user, roles=None) -> tuple[str, ...] | None:
    """Path prefixes the user may read (through grants of `roles`, any when None).

    None means every unit (the operator); an empty tuple, none.
    """
    if is_unrestricted(user):
        return None
    key = ("read", None if roles is None else frozenset(roles))
    return _kept_paths(
        user,
        key,
        lambda: _minimal(
            p for r in reaches(user) if roles is None or r.role in roles for p in r.read_paths
        ),
    )


def write_paths(user, roles) -> tuple[str, ...] | None:
    """Path prefixes where the user may keep records of a kind kept by `roles`."""
    if is_unrestricted(user):
        return None
    key = ("write", frozenset(roles))
    return _kept_paths(
        user, key, lambda: _minimal(r.path for r in reaches(user) if r.role in roles)
    )


def _minimal(paths) -> tuple[str, ...]:
    unique = sorted(set(paths))
    return tuple(p for p in unique if not _within(p, [q for q in unique if q != p]))


def unit_condition(paths: tuple[str, ...] | None, *unit_fields: str) -> Q | None:
    """A filter on records whose unit (any of the fields) lies under one of `paths`.

    None when `paths` is None (no restriction); a condition matching nothing for no paths.
    """
    if paths is None:
        return None
    condition = Q(pk__in=[])
    for field in unit_fields or ("",):
        lookup = f"{field}__path__startswith" if field else "path__startswith"
        for prefix in paths:
            condition |= Q(**{lookup: prefix})
    return condition


def filter_by_unit_path(queryset, user, unit_field: str = "", *more_unit_fields: str, roles=None):
    """Restrict a queryset to rows whose unit (any of the unit fields) the user may read."""
    condition = unit_condition(read_paths(user, roles), unit_field, *more_unit_fields)
    return queryset if condition is None else queryset.filter(condition)


def in_subtree(queryset, unit_field: str, unit: Unit):
    """Records of `unit` and every unit below it (a filter the user chose, not a scope)."""
    return queryset.filter(**{f"{unit_field}__path__startswith": unit.path})


def subtree_and_history(unit: Unit) -> tuple[str, ...]:
    """The paths of `unit`'s subtree and of the subtrees merged or split into it (b): what a
    committee's board or document covers. The commune Tân Kỳ formed in 2025 covers the four
    units merged into it, as its secretary's grant does."""
    return (unit.path, *predecessor_paths(unit.path))


def in_subtree_and_history(queryset, unit_field: str, unit: Unit):
    """Records of `unit`'s subtree and of the units merged or split into it (a board's or a
    document's area, not a scope: the user's reach is filtered apart)."""
    return queryset.filter(unit_condition(subtree_and_history(unit), unit_field))


def path_within(path: str | None, paths: tuple[str, ...]) -> bool:
    """Does a unit's path lie under one of `paths`?"""
    return bool(path) and _within(path, paths)


def can(user, action: str, unit: Unit | None, roles=None) -> bool:
    """May `user` do `action` (VIEW or CHANGE) on a record of `unit`?

    VIEW: any grant (of `roles`, when given) covering the unit or its history. CHANGE: a grant
    of one of `roles` (the roles that keep this kind of record) on the unit's subtree.
    """
    if action == CHANGE:
        if roles is None:
            raise ValueError("CHANGE needs the roles that keep the record")
        paths = write_paths(user, roles)
    else:
        paths = read_paths(user, roles)
    if paths is None:
        return True
    return unit is not None and bool(unit.path) and _within(unit.path, paths)


def may_any(user, roles) -> bool:
    """Does the user hold a grant of one of `roles` anywhere (or is the operator)?"""
    return is_unrestricted(user) or bool(roles_of(user) & set(roles))
