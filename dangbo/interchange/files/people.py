"""people: party members and cadres (đảng viên, cán bộ). Natural key: code.

Streamed: pass 1 keeps only the codes; pass 2 reads the file again and writes in batches,
looking up the stored people of each batch by code.
"""

from datetime import date

from django.utils import timezone

from dangbo.interchange import parsers
from dangbo.interchange.auditlog import AuditWriter, audited_fields, plain
from dangbo.interchange.bulk import BATCH_SIZE, TableWriter, refresh_statistics
from dangbo.interchange.context import ImportContext
from dangbo.interchange.rows import SheetRows
from dangbo.interchange.specs import Column, FileSpec
from dangbo.interchange.spool import Spool, iso
from dangbo.interchange.textfold import search_text
from dangbo.people.models import Person
from dangbo.people.validation import check_person_dates

SPEC = FileSpec(
    name="people",
    title="Đảng viên",
    columns=(
        Column("code", "mã người", required=True, parse=parsers.code),
        Column("full_name", "họ và tên", required=True),
        Column("gender", "giới tính", required=True, parse=parsers.gender),
        Column("birth_date", "ngày sinh", required=True, parse=parsers.day),
        Column("ethnicity", "dân tộc"),
        Column("hometown", "quê quán"),
        Column("party_join_date", "ngày vào đảng", parse=parsers.day),
        Column("party_official_date", "ngày chính thức", parse=parsers.day),
        Column("unit_code", "đơn vị", parse=parsers.code),
    ),
    natural_key=("code",),
    model=Person,
    field_columns=(("unit", "unit_code"),),
)

AUDITED = audited_fields(Person)
INSERT_COLUMNS = ("id", *AUDITED, "search_text")


def check(sheet, ctx: ImportContext, progress, spool: Spool) -> None:
    """Pass 1: check every row; the accepted ones go to `spool` for pass 2."""
    today = timezone.localdate()
    restricted = ctx.restricted
    stored_units = _StoredUnitsOfPeople(ctx) if restricted else None
    rows = progress.rows(SheetRows(sheet, SPEC, ctx.report), sheet)
    for row in ctx.coded_rows(SPEC.name, rows, ctx.rejected_people):
        v = row.values
        code = v["code"]
        # The code parsed (parsers.code), so check_code has nothing to add.
        problems = check_person_dates(
            v["birth_date"], v["party_join_date"], v["party_official_date"], today
        )
        bad = bool(problems) and ctx.problems(SPEC.name, row, problems, SPEC)
        unit = None
        if v["unit_code"]:
            unit, reason = ctx.unit_reference(v["unit_code"])
            if reason:
                ctx.error(SPEC.name, row.number, "unit_code", v["unit_code"], reason)
            bad = bad or unit is None
        if not bad and restricted:  # the operator's rows skip the call (millions of rows)
            path = unit.path if unit else None
            bad = ctx.outside_scope(SPEC.name, row, "unit_code", v["unit_code"], path)
        if bad:
            ctx.rejected_people.add(code)
        else:
            ctx.person_codes.add(code)
            spool.add(
                (
                    row.number,
                    code,
                    v["full_name"],
                    v["gender"],
                    v["birth_date"].isoformat(),  # required
                    v["ethnicity"],
                    v["hometown"],
                    iso(v["party_join_date"]),
                    iso(v["party_official_date"]),
                    v["unit_code"],
                )
            )
            if stored_units is not None:
                stored_units.add(row.number, code)
    if stored_units is not None:
        stored_units.flush()
    ctx.person_codes -= ctx.rejected_people


class _StoredUnitsOfPeople:
    """A restricted user may only update people whose stored unit is in their subtree too."""

    def __init__(self, ctx: ImportContext):
        self.ctx = ctx
        self.pending: dict[str, int] = {}

    def add(self, row: int, code: str) -> None:
        self.pending[code] = row
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        stored = Person.objects.filter(code__in=list(self.pending)).values_list(
            "code", "unit__path"
        )
        for code, path in stored:
            if not self.ctx.guard_for(SPEC.name).allows(path):
                self.ctx.error(
                    SPEC.name,
                    self.pending[code],
                    "code",
                    code,
                    self.ctx.guard_for(SPEC.name).message(),
                )
                self.ctx.rejected_people.add(code)
        self.pending = {}


# The spool's row is (number, *values in this order, unit_code); values_of relies on it.
assert AUDITED == (
    "code",
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "hometown",
    "party_join_date",
    "party_official_date",
    "unit_id",
), AUDITED


def write(spool: Spool, ctx: ImportContext, audit: AuditWriter, progress) -> None:
    """Pass 2: write the rows pass 1 accepted (and nothing rejected since), in batches."""
    counts = ctx.report.file_counts(SPEC.name)
    rejected = ctx.rejected_rows(SPEC.name)
    table = TableWriter(Person._meta.db_table, INSERT_COLUMNS)
    unit_ids = {code: unit.id for code, unit in ctx.units.items()}
    # Codes are unique within the file, so when no person was stored before, none of the
    # file's people is: no batch needs looking up.
    lookup = Person.objects.exists()
    # Pass 1's codes are checked; the map of their ids takes their place (memory).
    ctx.person_codes.clear()
    batch = []
    for row in progress.rows(spool.rows(), spool):
        if row[0] in rejected:
            continue
        unit_code = row[9]
        batch.append((*row[1:9], unit_ids[unit_code] if unit_code else None))
        if len(batch) >= BATCH_SIZE:
            _write_batch(batch, table, audit, counts, lookup, spool.label, ctx.person_ids)
            batch = []
    _write_batch(batch, table, audit, counts, lookup, spool.label, ctx.person_ids)
    if counts.created + counts.updated >= BATCH_SIZE:
        refresh_statistics(table.table)  # posts and the other files look people up by code


def _write_batch(
    batch: list[tuple],
    table: TableWriter,
    audit: AuditWriter,
    counts,
    lookup: bool,
    file: str,
    person_ids: dict[str, int],
) -> None:
    """`batch` holds values in AUDITED order, dates as ISO text; `person_ids` gets the id
    of each person of the batch."""
    if not batch:
        return
    stored = (
        {
            row["code"]: row
            for row in Person.objects.filter(code__in=[v[0] for v in batch]).values("id", *AUDITED)
        }
        if lookup
        else {}
    )
    new = [v for v in batch if v[0] not in stored] if stored else batch
    ids = table.allocate_ids(len(new))
    inserts = [
        (pk, *values, search_text(values[0], values[1]))
        for values, pk in zip(new, ids, strict=True)
    ]
    counts.created += len(new)
    person_ids.update(zip((values[0] for values in new), ids, strict=True))
    updates = []
    for values in batch if stored else ():
        before = stored.get(values[0])
        if before is None:
            continue
        pk = person_ids[values[0]] = before.pop("id")
        before_plain, after_plain = _plain_snapshot(before), dict(zip(AUDITED, values, strict=True))
        if before_plain == after_plain:
            counts.unchanged += 1
            continue
        updates.append((*dated(values), search_text(values[0], values[1]), pk))
        audit.add(Person, pk, _label(after_plain), before_plain, after_plain)
        counts.updated += 1
    table.insert(inserts, plain=True)
    audit.add_created(Person, ids, file)
    table.update((*AUDITED, "search_text"), updates)


def dated(values: tuple) -> tuple:
    """The values with dates back as dates, for an UPDATE."""
    return tuple(day(v) if i in DATE_POSITIONS else v for i, v in enumerate(values))


DATE_POSITIONS = {
    AUDITED.index(k) for k in ("birth_date", "party_join_date", "party_official_date")
}


def day(value: str | None):
    return None if value is None else date.fromisoformat(value)


def _plain_snapshot(values: dict) -> dict:
    return {key: plain(values[key]) for key in AUDITED}


def _label(values: dict) -> str:
    return f"{values['full_name']} ({values['code']})"


def export_rows(people):
    yield from (
        people.order_by("code")
        .values_list(
            "code",
            "full_name",
            "gender",
            "birth_date",
            "ethnicity",
            "hometown",
            "party_join_date",
            "party_official_date",
            "unit__code",
        )
        .iterator(chunk_size=5000)
    )
