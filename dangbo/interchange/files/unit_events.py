"""unit_events: renames, mergers, splits, moves, dissolutions. Natural key (date, kind, sources).

An event on day E ends its sources on E − 1 and starts its targets on E; the units file
must agree, and a blank date there is filled from the event. `previous_name` (tên cũ) is an
addition to the format: the unit's name before a rename.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from dangbo.core.dates import vn_date_or_dash
from dangbo.interchange import parsers, tree
from dangbo.interchange.auditlog import AuditWriter, audited_fields
from dangbo.interchange.context import ImportContext
from dangbo.interchange.rows import SheetRows
from dangbo.interchange.specs import Column, FileSpec
from dangbo.org.models import EventKind, UnitEvent
from dangbo.org.services import check_event_shape

SPEC = FileSpec(
    name="unit_events",
    title="Sự kiện đơn vị",
    columns=(
        Column("date", "ngày", required=True, parse=parsers.day),
        Column("kind", "loại", required=True, parse=parsers.choice(EventKind)),
        Column("sources", "đơn vị cũ", required=True, parse=parsers.codes, blank_ok=True),
        Column("targets", "đơn vị mới", required=True, parse=parsers.codes, blank_ok=True),
        Column("name", "tên mới"),
        Column("note", "ghi chú"),
        Column("previous_name", "tên cũ"),
    ),
    natural_key=("date", "kind", "sources"),
    model=UnitEvent,
)

AUDITED = audited_fields(UnitEvent)


@dataclass
class EventState:
    row: int
    date: date
    kind: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    name: str
    note: str
    previous_name: str

    @property
    def source_codes(self) -> str:
        return " ".join(sorted(self.sources))

    @property
    def key(self) -> tuple:
        return (self.date, self.kind, self.source_codes)

    def snapshot(self) -> dict:
        values = {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "source_codes": self.source_codes,
            "name": self.name,
            "previous_name": self.previous_name,
            "note": self.note,
        }
        data = {key: values[key] for key in AUDITED}
        data["sources"] = sorted(self.sources)
        data["targets"] = sorted(self.targets)
        return data


def check(sheet, ctx: ImportContext) -> None:
    first_row: dict[tuple, int] = {}
    for row in SheetRows(sheet, SPEC, ctx.report):
        if not row.ok:
            continue
        v = row.values
        event = EventState(
            row.number,
            v["date"],
            v["kind"],
            v["sources"],
            v["targets"],
            v["name"],
            v["note"],
            v["previous_name"],
        )
        problems = check_event_shape(
            event.kind, list(event.sources), list(event.targets), event.name
        )
        if ctx.problems(SPEC.name, row, problems, SPEC):
            continue
        if event.key in first_row:
            ctx.error(
                SPEC.name,
                row.number,
                "sources",
                event.source_codes,
                _("This event (same date, kind and units before) was already on row %(row)d.")
                % {"row": first_row[event.key]},
            )
            continue
        first_row[event.key] = row.number
        if _check_references(ctx, event):
            ctx.events.append(event)


def _check_references(ctx: ImportContext, event: EventState) -> bool:
    ok = True
    for column, codes in (("sources", event.sources), ("targets", event.targets)):
        for code in codes:
            unit, reason = ctx.unit_reference(code)
            if reason:
                ctx.error(SPEC.name, event.row, column, code, reason)
            ok = ok and unit is not None
    return ok


def check_across(ctx: ImportContext) -> None:
    """Events against the units file, then the whole tree; runs with or without this file."""
    ctx.events.sort(key=lambda e: (e.date, e.row))
    for event in ctx.events:
        if event.kind != EventKind.RENAME:
            _apply_dates(ctx, event)
    _apply_renames(ctx)
    tree.check(ctx)
    for event in ctx.events:
        for code in (*event.sources, *event.targets):
            unit = ctx.units[code]
            if code in ctx.rejected_units and ctx.partial:
                _, reason = ctx.unit_reference(code)
                ctx.error(SPEC.name, event.row, "sources", code, reason)
                break
            if not ctx.guard_for(SPEC.name).allows(unit.path):
                ctx.error(SPEC.name, event.row, "sources", code, ctx.guard_for(SPEC.name).message())
                break


def _apply_dates(ctx: ImportContext, event: EventState) -> None:
    last_day = event.date - timedelta(days=1)
    for code in event.sources:
        unit = ctx.units[code]
        if unit.valid_to is None:
            unit.valid_to = last_day
            unit.filled_by_event = unit.filled_by_event or not unit.row
        elif unit.valid_to != last_day:
            ctx.error(
                SPEC.name,
                event.row,
                "sources",
                code,
                _(
                    "%(unit)s ends on %(end)s in the units file, but this event on %(day)s "
                    "ends it on %(expected)s (the day before)."
                )
                % {
                    "unit": code,
                    "end": vn_date_or_dash(unit.valid_to),
                    "day": vn_date_or_dash(event.date),
                    "expected": vn_date_or_dash(last_day),
                },
            )
    for code in event.targets:
        unit = ctx.units[code]
        if unit.valid_from is None:
            unit.valid_from = event.date
            unit.filled_by_event = unit.filled_by_event or not unit.row
        elif unit.valid_from != event.date:
            ctx.error(
                SPEC.name,
                event.row,
                "targets",
                code,
                _(
                    "%(unit)s starts on %(start)s in the units file, but this event starts it "
                    "on %(day)s."
                )
                % {
                    "unit": code,
                    "start": vn_date_or_dash(unit.valid_from),
                    "day": vn_date_or_dash(event.date),
                },
            )


def _apply_renames(ctx: ImportContext) -> None:
    """The unit's name is the one its latest rename gave; a blank previous_name is filled
    with the name the rename before it gave, or the name stored before this import."""
    renames: dict[str, list[EventState]] = {}
    for event in ctx.events:
        if event.kind == EventKind.RENAME:
            renames.setdefault(event.sources[0], []).append(event)
    for code, events in renames.items():
        unit = ctx.units[code]
        latest = events[-1]
        for earlier, later in zip(events, events[1:], strict=False):
            later.previous_name = later.previous_name or earlier.name
        if unit.name == latest.name:
            continue
        if unit.row:
            ctx.error(
                SPEC.name,
                latest.row,
                "name",
                latest.name,
                _(
                    "The units file names %(unit)s “%(current)s”, but its latest rename "
                    "gives “%(name)s”."
                )
                % {"unit": code, "current": unit.name, "name": latest.name},
            )
        else:
            if len(events) == 1:
                latest.previous_name = latest.previous_name or unit.name
            unit.name = latest.name
            unit.filled_by_event = True


def load_stored() -> dict[tuple, tuple[int, dict]]:
    stored = {}
    for event in UnitEvent.objects.prefetch_related("sources", "targets"):
        state = EventState(
            0,
            event.date,
            event.kind,
            tuple(u.code for u in event.sources.all()),
            tuple(u.code for u in event.targets.all()),
            event.name,
            event.note,
            event.previous_name,
        )
        stored[(event.date, event.kind, event.source_codes)] = (event.pk, state.snapshot())
    return stored


def write(ctx: ImportContext, audit: AuditWriter) -> None:
    counts = ctx.report.file_counts(SPEC.name)
    rejected = ctx.rejected_rows(SPEC.name)
    stored = load_stored()
    for event in ctx.events:
        if event.row in rejected:
            continue
        after = event.snapshot()
        pk, before = stored.get(event.key, (None, None))
        if before == after:
            counts.unchanged += 1
            continue
        fields = {k: v for k, v in after.items() if k not in ("sources", "targets", "date")}
        fields["date"] = event.date
        if pk is None:
            instance = UnitEvent.objects.create(**fields)
            counts.created += 1
        else:
            UnitEvent.objects.filter(pk=pk).update(**fields)
            instance = UnitEvent.objects.get(pk=pk)
            counts.updated += 1
        instance.sources.set([ctx.units[c].id for c in event.sources])
        instance.targets.set([ctx.units[c].id for c in event.targets])
        audit.add(UnitEvent, instance.pk, str(instance), before, after)


def export_rows(events):
    for event in events.prefetch_related("sources", "targets").order_by("date", "pk"):
        yield (
            event.date,
            event.kind,
            " ".join(sorted(u.code for u in event.sources.all())),
            " ".join(sorted(u.code for u in event.targets.all())),
            event.name,
            event.note,
            event.previous_name,
        )
