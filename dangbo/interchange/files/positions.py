"""positions: dated posts (chức vụ). Natural key (person_code, unit_code, role, start_date).

A post lies within the life of its unit: it starts on or after the unit's valid_from, and
when the unit has ended, the post has ended by then too.
"""

from datetime import date
from functools import partial

from django.db import connection
from django.utils.translation import gettext as _

from dangbo.interchange import parsers
from dangbo.interchange.auditlog import AuditWriter, audited_fields, plain
from dangbo.interchange.bulk import BATCH_SIZE, TableWriter, is_postgresql, refresh_statistics
from dangbo.interchange.context import ImportContext
from dangbo.interchange.rows import SheetRows
from dangbo.interchange.specs import Column, FileSpec
from dangbo.interchange.spool import Spool, iso
from dangbo.people.models import Person, Position, Role
from dangbo.people.validation import check_position_dates

SPEC = FileSpec(
    name="positions",
    title="Chức vụ",
    columns=(
        Column("person_code", "mã người", required=True, parse=parsers.code),
        Column("unit_code", "đơn vị", required=True, parse=parsers.code),
        Column("role", "vai trò", required=True, parse=parsers.choice(Role)),
        Column("start_date", "từ ngày", required=True, parse=parsers.day),
        Column("title", "chức vụ"),
        Column("end_date", "đến ngày", parse=parsers.day),
    ),
    natural_key=("person_code", "unit_code", "role", "start_date"),
    model=Position,
    field_columns=(("unit", "unit_code"),),
)

AUDITED = audited_fields(Position)
INSERT_COLUMNS = ("id", *AUDITED)


def check(sheet, ctx: ImportContext, progress, spool: Spool) -> None:
    """Pass 1: check every row; the accepted ones go to `spool` for pass 2."""
    # Python's hash of the key, not the key: a million tuples would cost ~200 MB.
    # A hash collision can only report a false duplicate, never write a wrong row.
    first_row: dict[int, int] = {}
    restricted = ctx.restricted
    for row in progress.rows(SheetRows(sheet, SPEC, ctx.report), sheet):
        if not row.ok:
            continue
        v = row.values
        key = hash((v["person_code"], v["unit_code"], v["role"], v["start_date"]))
        if key in first_row:
            ctx.error(
                SPEC.name,
                row.number,
                "start_date",
                v["start_date"].isoformat(),
                _("This post (same person, unit, role and start date) was already on row %(row)d.")
                % {"row": first_row[key]},
            )
            continue
        first_row[key] = row.number
        unit, reason = ctx.unit_reference(v["unit_code"])
        if reason:
            ctx.error(SPEC.name, row.number, "unit_code", v["unit_code"], reason)
        if unit is None:
            continue
        problems = check_position_dates(
            v["start_date"], v["end_date"], unit.valid_from, unit.valid_to, unit.name
        )
        if problems and ctx.problems(SPEC.name, row, problems, SPEC):
            continue
        if restricted and ctx.outside_scope(SPEC.name, row, "unit_code", v["unit_code"], unit.path):
            continue
        spool.add(
            (
                row.number,
                v["person_code"],
                v["unit_code"],
                v["role"],
                v["start_date"].isoformat(),  # required
                v["title"],
                iso(v["end_date"]),
            )
        )


def check_people(spool: Spool, ctx: ImportContext) -> None:
    """Pass 1, after the people file: each accepted post's person is in the people file or
    stored (a separate step so that the rest of the check may run beside the people's)."""
    lookup = _PeopleLookup(ctx)
    for number, person_code, *_rest in spool.scan():
        lookup.check(number, person_code)
    lookup.flush()


class _PeopleLookup:
    """A post's person is in the people file or already stored (looked up in batches)."""

    def __init__(self, ctx: ImportContext):
        self.ctx = ctx
        self.pending: dict[str, list[int]] = {}

    def check(self, row: int, code: str) -> None:
        if code in self.ctx.person_codes:
            return
        if code in self.ctx.rejected_people:
            if self.ctx.partial:
                self.ctx.error(
                    SPEC.name,
                    row,
                    "person_code",
                    code,
                    _("The person %(code)s was rejected (see their row), so this row is too.")
                    % {"code": code},
                )
            return
        self.pending.setdefault(code, []).append(row)
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        found = set(
            Person.objects.filter(code__in=list(self.pending)).values_list("code", flat=True)
        )
        for code, rows in self.pending.items():
            if code not in found:
                for row in rows:
                    self.ctx.error(
                        SPEC.name,
                        row,
                        "person_code",
                        code,
                        _(
                            "Unknown person code %(code)s: it is neither in the people file "
                            "nor stored."
                        )
                        % {"code": code},
                    )
        self.pending = {}


assert AUDITED == ("person_id", "unit_id", "role", "title", "start_date", "end_date"), AUDITED


def write(spool: Spool, ctx: ImportContext, audit: AuditWriter, progress) -> None:
    """Pass 2: write the rows pass 1 accepted (and nothing rejected since), in batches."""
    counts = ctx.report.file_counts(SPEC.name)
    rejected = ctx.rejected_rows(SPEC.name)
    table = TableWriter(Position._meta.db_table, INSERT_COLUMNS)
    role_labels = {role.value: str(role.label) for role in Role}
    unit_ids = {code: unit.id for code, unit in ctx.units.items()}
    unit_names = {unit.id: unit.name for unit in ctx.units.values()}
    # No post stored before: none of the file's posts (unique keys) needs looking up.
    lookup = Position.objects.exists()
    write_batch = partial(
        _write_batch,
        file=spool.label,
        unit_ids=unit_ids,
        unit_names=unit_names,
        table=table,
        audit=audit,
        counts=counts,
        role_labels=role_labels,
        lookup=lookup,
        known_people=ctx.person_ids,
    )
    batch = []
    for row in progress.rows(spool.rows(), spool):
        if row[0] not in rejected:
            batch.append(row)
        if len(batch) >= BATCH_SIZE:
            write_batch(batch)
            batch = []
    write_batch(batch)
    if counts.created + counts.updated >= BATCH_SIZE:
        refresh_statistics(table.table)  # the capability files look posts up by person


def _write_batch(
    batch, file, unit_ids, unit_names, table, audit, counts, role_labels, lookup, known_people
) -> None:
    """`batch` holds spooled rows (number, person_code, unit_code, role, start, title, end)
    of `file`."""
    if not batch:
        return
    person_ids = _person_ids({r[1] for r in batch}, known_people)
    # Values in AUDITED order, dates as ISO text.
    rows = [
        (person_ids[person_code], unit_ids[unit_code], role, title, start, end)
        for _number, person_code, unit_code, role, start, title, end in batch
    ]
    stored = (
        {
            (p["person_id"], p["unit_id"], p["role"], p["start_date"].isoformat()): p
            for p in Position.objects.filter(person_id__in=person_ids.values()).values(
                "id", *AUDITED
            )
        }
        if lookup
        else {}
    )
    new = [v for v in rows if v[:3] + (v[4],) not in stored] if stored else rows
    ids = table.allocate_ids(len(new))
    inserts = [(pk, *values) for values, pk in zip(new, ids, strict=True)]
    counts.created += len(new)
    updates = []
    for values in rows if stored else ():
        before = stored.get(values[:3] + (values[4],))
        if before is None:
            continue
        pk = before.pop("id")
        before_plain = _plain_snapshot(before)
        after_plain = dict(zip(AUDITED, values, strict=True))
        if before_plain == after_plain:
            counts.unchanged += 1
            continue
        person_id, unit_id, role, title, start, end = values
        updates.append((person_id, unit_id, role, title, day(start), day(end), pk))
        label = f"{title or role_labels[role]} — {unit_names[unit_id]}"
        audit.add(Position, pk, label, before_plain, after_plain)
        counts.updated += 1
    table.insert(inserts, plain=True)
    audit.add_created(Position, ids, file)
    table.update(AUDITED, updates)


def _person_ids(codes: set[str], known: dict[str, int]) -> dict[str, int]:
    """code → id of these people: written by this import (`known`), or else stored."""
    found = {code: known[code] for code in codes if code in known}
    missing = codes - found.keys()
    if missing:
        found.update(_stored_person_ids(missing))
    return found


def _stored_person_ids(codes: set[str]) -> dict[str, int]:
    """code → id of these stored people (the ORM's IN costs more than the query here)."""
    table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(f"SELECT code, id FROM {table} WHERE code = ANY(%s)", [list(codes)])
        else:
            marks = ", ".join("%s" for _ in codes)
            cursor.execute(f"SELECT code, id FROM {table} WHERE code IN ({marks})", list(codes))
        return dict(cursor.fetchall())


def day(value: str | None):
    return None if value is None else date.fromisoformat(value)


def _plain_snapshot(values: dict) -> dict:
    return {key: plain(values[key]) for key in AUDITED}


def export_rows(positions):
    yield from (
        positions.order_by("person__code", "start_date", "pk")
        .values_list("person__code", "unit__code", "role", "start_date", "title", "end_date")
        .iterator(chunk_size=5000)
    )
