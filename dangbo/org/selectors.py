"""Reads of the organization tree, always through the user's scope."""

from collections import deque
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet

from dangbo.org import scope
from dangbo.org.models import EventKind, Unit, UnitEvent, path_ids


def valid_on(day: date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def unit_list_visible_to(*, user, as_of: date | None = None) -> QuerySet[Unit]:
    units = scope.filter_by_unit_path(Unit.objects.all(), user)
    if as_of is not None:
        units = units.filter(valid_on(as_of))
    return units


def unit_get_visible(*, user, pk) -> Unit:
    """The unit, or Unit.DoesNotExist when it does not exist or lies outside the scope."""
    return unit_list_visible_to(user=user).get(pk=pk)


@dataclass
class TreeNode:
    unit: Unit
    name: str
    children: list["TreeNode"] = field(default_factory=list)


def unit_tree(*, user, as_of: date) -> list[TreeNode]:
    """The visible units valid on `as_of`, nested, each with its name on that date."""
    units = list(unit_list_visible_to(user=user, as_of=as_of).order_by("path"))
    names = names_on(units, as_of)
    nodes = {u.pk: TreeNode(u, names.get(u.pk, u.name)) for u in units}
    roots = []
    # Siblings by code (a path orders them by id, which says nothing to people).
    for unit in sorted(units, key=lambda u: u.code):
        parent = nodes.get(unit.parent_id)
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots


def names_on(units, day: date) -> dict[int, str]:
    """Each unit's name on `day`, read back through its rename events."""
    ids = [u.pk for u in units]
    renames = (
        UnitEvent.objects.filter(kind=EventKind.RENAME, sources__in=ids)
        .order_by("date")
        .values_list("sources", "date", "name", "previous_name")
    )
    by_unit: dict[int, list] = {}
    for unit_id, when, new, old in renames:
        by_unit.setdefault(unit_id, []).append((when, new, old))
    result = {}
    for unit in units:
        name = unit.name
        for when, _new, old in reversed(by_unit.get(unit.pk, [])):
            if when > day and old:
                name = old
        result[unit.pk] = name
    return result


@dataclass
class LineageStep:
    event: UnitEvent
    units: list[Unit]


def lineage(unit: Unit, *, direction: str) -> list[LineageStep]:
    """Events before ("back") or after ("forward") a unit, walked transitively.

    Renames are the unit itself and are shown in its history, not as lineage steps.
    """
    steps = []
    seen = {unit.pk}
    queue = deque([unit])
    while queue:
        current = queue.popleft()
        if direction == "back":
            events = current.events_as_target.exclude(kind=EventKind.RENAME)
        else:
            events = current.events_as_source.exclude(kind=EventKind.RENAME)
        for event in events.prefetch_related("sources", "targets").order_by("date"):
            related = list(event.sources.all() if direction == "back" else event.targets.all())
            steps.append(LineageStep(event, related))
            for other in related:
                if other.pk not in seen:
                    seen.add(other.pk)
                    queue.append(other)
    return steps


def unit_events_of(unit: Unit) -> QuerySet[UnitEvent]:
    return (
        UnitEvent.objects.filter(Q(sources=unit) | Q(targets=unit))
        .distinct()
        .prefetch_related("sources", "targets")
        .order_by("date", "pk")
    )


def unit_event_list_visible_to(*, user) -> QuerySet[UnitEvent]:
    """Events touching at least one unit in the user's subtree (before or after it)."""
    touching = scope.unit_condition(scope.read_paths(user), "sources", "targets")
    if touching is None:
        return UnitEvent.objects.all()
    return UnitEvent.objects.filter(pk__in=UnitEvent.objects.filter(touching).values("pk"))


def common_ancestor(paths) -> int | None:
    """The id of the deepest unit at or above every path given ("/1/17/203/")."""
    common: list[int] | None = None
    for path in paths:
        ids = path_ids(path)
        if common is None:
            common = ids
            continue
        shared = 0
        while shared < min(len(common), len(ids)) and common[shared] == ids[shared]:
            shared += 1
        common = common[:shared]
    return common[-1] if common else None


def unit_page(*, user, unit: Unit) -> dict:
    """What a unit's page shows to `user`: its sub-units, posts, events and lineage, and the
    ids of the units it names that the user may open (a link each; the others are text)."""
    from dangbo.org.permissions import unit_event_policy
    from dangbo.org.policy import VIEW
    from dangbo.people.selectors import position_list_visible_to

    visible = unit_list_visible_to(user=user)
    lineage_back = lineage(unit, direction="back")
    lineage_forward = lineage(unit, direction="forward")
    # Events only for the roles that read them (docs/roles.md: not a helper body).
    events = list(unit_events_of(unit)) if unit_event_policy.may(user, VIEW) else []
    mentioned = {unit.parent_id}
    for step in [*lineage_back, *lineage_forward]:
        mentioned.update(u.pk for u in step.units)
    for event in events:
        mentioned.update(u.pk for u in [*event.sources.all(), *event.targets.all()])
    return {
        "unit": unit,
        "parent": unit.parent,
        "visible_ids": set(visible.filter(pk__in=mentioned).values_list("pk", flat=True)),
        "children": visible.filter(parent=unit).order_by("code"),
        "positions": position_list_visible_to(user=user)
        .filter(unit=unit)
        .order_by("-start_date", "pk"),
        "events": events,
        "lineage_back": lineage_back,
        "lineage_forward": lineage_forward,
    }


def event_units_visible(*, user, event: UnitEvent) -> set[int]:
    """The ids of the event's units (before and after) the user may open."""
    return set(
        unit_list_visible_to(user=user)
        .filter(Q(events_as_source=event) | Q(events_as_target=event))
        .values_list("pk", flat=True)
    )
