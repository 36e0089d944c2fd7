"""Writes to the organization tree. Each is atomic and audited; nothing is deleted."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from dangbo.core import audit
from dangbo.core.errors import InputError, Problem
from dangbo.org import validation
from dangbo.org.models import EventKind, Unit, UnitEvent, build_path
from dangbo.org.permissions import unit_event_policy, unit_policy
from dangbo.org.policy import ADD, CHANGE

__all__ = ["build_path"]  # the importer builds paths the same way (interchange/tree.py)


def _check_unit(*, code, kind, parent, valid_from, valid_to, instance=None) -> list[Problem]:
    problems = validation.check_code(code) + validation.check_kind(kind)
    problems += validation.check_period(valid_from, valid_to, "valid_to")
    if parent is not None:
        if instance is not None and parent.path.startswith(instance.path):
            problems.append(
                Problem(
                    "parent",
                    _("A unit cannot be placed under itself or its own sub-unit."),
                    parent.code,
                )
            )
        problems += validation.check_within(
            valid_from,
            valid_to,
            parent.valid_from,
            parent.valid_to,
            what=_("The parent unit %(unit)s") % {"unit": parent.name},
            field="parent",
        )
    duplicate = Unit.objects.filter(code=code)
    if instance is not None:
        duplicate = duplicate.exclude(pk=instance.pk)
    if code and duplicate.exists():
        problems.append(Problem("code", _("Another unit already has this code."), code))
    return problems


@transaction.atomic
def unit_create(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    valid_from: date | None = None,
    valid_to: date | None = None,
    source: str = audit.SOURCE_SCREEN,
) -> Unit:
    if parent is not None:
        parent = Unit.objects.get(pk=parent.pk)  # its path as stored, not the caller's copy
    unit_policy.require(actor, ADD, parent)
    problems = _check_unit(
        code=code, kind=kind, parent=parent, valid_from=valid_from, valid_to=valid_to
    )
    if problems:
        raise InputError(problems)
    unit = Unit(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    unit.save()  # gives the unit its path, which holds its id (Unit.save)
    audit.record(
        unit, audit.CREATE, actor=actor, before=None, after=audit.snapshot(unit), source=source
    )
    return unit


@transaction.atomic
def unit_update(
    *,
    actor,
    unit: Unit,
    name: str,
    kind: str,
    parent: Unit | None,
    valid_from: date | None,
    valid_to: date | None,
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> Unit:
    """Correct a unit's record. The code never changes: it is the unit's identity."""
    return _unit_change(
        expected_version=expected_version,
        actor=actor,
        unit=unit,
        name=name,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
        action=audit.UPDATE,
    )


def _unit_change(
    *, actor, unit, name, kind, parent, valid_from, valid_to, source, action, expected_version=None
) -> Unit:
    current = Unit.objects.select_for_update().get(pk=unit.pk)
    if parent is not None:
        parent = Unit.objects.get(pk=parent.pk)  # its path as stored, not the caller's copy
    audit.ensure_unchanged(current, expected_version)
    unit_policy.require(actor, CHANGE, current)
    # Moving a unit needs rights over its new parent; keeping the parent does not (the top
    # unit of a user's subtree has a parent outside it).
    if parent is not None and parent.pk != current.parent_id:
        unit_policy.require(actor, CHANGE, parent)
    problems = _check_unit(
        code=current.code,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        instance=current,
    )
    problems += _check_children_within(current, valid_from, valid_to)
    if problems:
        raise InputError(problems)
    before = audit.snapshot(current)
    old_path = current.path
    current.name, current.kind, current.parent = name, kind, parent
    current.valid_from, current.valid_to = valid_from, valid_to
    current.path = build_path(parent.path if parent else None, current.pk)
    current.save()
    if current.path != old_path:
        _repath_subtree(old_path, current.path)
    after = audit.snapshot(current)
    if before != after:
        audit.record(current, action, actor=actor, before=before, after=after, source=source)
    return current


def _check_children_within(unit, valid_from, valid_to) -> list[Problem]:
    problems = []
    for child in unit.children.all():
        if (valid_from and child.valid_from and child.valid_from < valid_from) or (
            valid_to and (child.valid_to is None or child.valid_to > valid_to)
        ):
            problems.append(
                Problem(
                    "valid_to",
                    _("The sub-unit %(unit)s lives outside these dates; end or move it first.")
                    % {"unit": child},
                )
            )
    return problems


def _repath_subtree(old_prefix: str, new_prefix: str) -> None:
    """Give the units below a moved unit their new paths (each ends with its own id, so no
    two can meet on the way)."""
    below = Unit.objects.filter(path__startswith=old_prefix).exclude(path=new_prefix)
    for pk, path in below.values_list("pk", "path"):
        Unit.objects.filter(pk=pk).update(path=new_prefix + path[len(old_prefix) :])


@transaction.atomic
def unit_end(
    *,
    actor,
    unit: Unit,
    valid_to: date,
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> Unit:
    """End a unit's life on `valid_to` (its sub-units must have ended by then)."""
    # Audited as an end, not a correction, so the history reads "Ended".
    return _unit_change(
        expected_version=expected_version,
        action=audit.END,
        actor=actor,
        unit=unit,
        name=unit.name,
        kind=unit.kind,
        parent=unit.parent,
        valid_from=unit.valid_from,
        valid_to=valid_to,
        source=source,
    )


@dataclass(frozen=True)
class NewUnit:
    """A unit that an event brings into being (e.g. the commune formed by a merger)."""

    code: str
    name: str
    kind: str
    parent: Unit | None


@transaction.atomic
def unit_event_record(
    *,
    actor,
    day: date,
    kind: str,
    sources: list[Unit],
    targets: list[Unit],
    new_units: list[NewUnit] = (),
    name: str = "",
    note: str = "",
    source: str = audit.SOURCE_SCREEN,
) -> UnitEvent:
    """Record an event and apply it: sources end the day before, targets start on the day.

    A rename keeps the unit (source and target are the same) and changes its name.
    """
    for unit in [*sources, *targets]:
        # The caller's instances may be stale (an earlier event renamed or ended the unit):
        # the previous name and the dates written below must be the stored ones.
        unit.refresh_from_db()
        unit_event_policy.require(actor, ADD, unit)
    for new in new_units:
        unit_event_policy.require(actor, ADD, new.parent)
    problems = check_event_shape(
        kind,
        [u.code for u in sources],
        [u.code for u in targets] + [n.code for n in new_units],
        name,
    )
    for unit in sources:
        if not unit.is_valid_on(day - timedelta(days=1)) and kind != EventKind.RENAME:
            problems.append(
                Problem(
                    "sources",
                    _("%(unit)s was not in existence the day before the event.") % {"unit": unit},
                )
            )
    if problems:
        raise InputError(problems)
    created = [
        unit_create(
            actor=actor,
            code=n.code,
            name=n.name,
            kind=n.kind,
            parent=n.parent,
            valid_from=day,
            source=source,
        )
        for n in new_units
    ]
    event = UnitEvent.objects.create(
        date=day,
        kind=kind,
        name=name,
        note=note,
        source_codes=" ".join(sorted(u.code for u in sources)),
        previous_name=sources[0].name if kind == EventKind.RENAME else "",
    )
    event.sources.set(sources)
    event.targets.set([*targets, *created])
    if kind == EventKind.RENAME:
        unit = sources[0]
        unit_update(
            actor=actor,
            unit=unit,
            name=name,
            kind=unit.kind,
            parent=unit.parent,
            valid_from=unit.valid_from,
            valid_to=unit.valid_to,
            source=source,
        )
    else:
        for unit in sources:
            unit.refresh_from_db()
            _end_subtree(actor, unit, day - timedelta(days=1), source)
        for unit in targets:
            unit.refresh_from_db()
            if unit.valid_from != day:
                unit_update(
                    actor=actor,
                    unit=unit,
                    name=unit.name,
                    kind=unit.kind,
                    parent=unit.parent,
                    valid_from=day,
                    valid_to=unit.valid_to,
                    source=source,
                )
    audit.record(
        event, audit.CREATE, actor=actor, before=None, after=event_snapshot(event), source=source
    )
    return event


def _end_subtree(actor, unit: Unit, last_day: date, source: str) -> None:
    """End a unit and whatever below it still lives past `last_day` (deepest first)."""
    for child in unit.children.all():
        if child.valid_to is None or child.valid_to > last_day:
            _end_subtree(actor, child, last_day, source)
    unit.refresh_from_db()
    if unit.valid_to is None or unit.valid_to > last_day:
        unit_end(actor=actor, unit=unit, valid_to=last_day, source=source)


def event_snapshot(event: UnitEvent) -> dict:
    data = audit.snapshot(event)
    data["sources"] = sorted(event.sources.values_list("code", flat=True))
    data["targets"] = sorted(event.targets.values_list("code", flat=True))
    return data


def check_event_shape(
    kind: str, sources: list[str], targets: list[str], name: str
) -> list[Problem]:
    """How many units each kind of event takes (shared with the importer)."""
    problems = []
    if kind not in EventKind.values:
        return [
            Problem(
                "kind",
                _("Unknown event kind; use one of: %(kinds)s.")
                % {"kinds": ", ".join(EventKind.values)},
                kind,
            )
        ]
    if kind == EventKind.ESTABLISH:
        if sources:
            problems.append(Problem("sources", _("An establishment has no units before it.")))
        if not targets:
            problems.append(Problem("targets", _("Name the unit established.")))
    elif kind == EventKind.DISSOLVE:
        if not sources:
            problems.append(Problem("sources", _("Name the unit dissolved.")))
        if targets:
            problems.append(Problem("targets", _("A dissolution has no units after it.")))
    elif kind == EventKind.RENAME:
        if len(sources) != 1 or sources != targets:
            problems.append(
                Problem(
                    "targets",
                    _("A rename keeps the unit: the unit before and after must be the same one."),
                )
            )
        if not name:
            problems.append(Problem("name", _("A rename needs the new name.")))
    else:
        if not sources:
            problems.append(Problem("sources", _("Name the units before the event.")))
        if not targets:
            problems.append(Problem("targets", _("Name the units after the event.")))
        if kind == EventKind.MERGE and len(sources) < 2:
            problems.append(Problem("sources", _("A merger joins two or more units.")))
        if kind == EventKind.SPLIT and len(targets) < 2:
            problems.append(Problem("targets", _("A split makes two or more units.")))
        if set(sources) & set(targets):
            problems.append(
                Problem(
                    "targets",
                    _(
                        "A unit cannot be both before and after this event; "
                        "only a rename keeps the unit."
                    ),
                )
            )
    return problems
