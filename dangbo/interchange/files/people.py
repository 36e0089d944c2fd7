"""people: party members and cadres (đảng viên, cán bộ). Natural key: code.

Streamed: pass 1 keeps only the codes; pass 2 reads the file again and writes in batches,
looking up the stored people of each batch by code.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.interchange import parsers
from dangbo.interchange.auditlog import AuditWriter, audited_fields, plain
from dangbo.interchange.bulk import BATCH_SIZE, TableWriter
from dangbo.interchange.context import ImportContext
from dangbo.interchange.rows import SheetRows
from dangbo.interchange.specs import Column, FileSpec
from dangbo.org.validation import check_code
from dangbo.people.models import Person, person_search_text
from dangbo.people.validation import check_person_dates

SPEC = FileSpec(
    name="people",
    columns=(
        Column("code", required=True, parse=parsers.code),
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
    field_columns=(("unit", "unit_code"),),
)

AUDITED = audited_fields(Person)
INSERT_COLUMNS = ("id", *AUDITED, "search_text")


def check(sheet, ctx: ImportContext, progress) -> None:
    first_row: dict[str, int] = {}
    today = timezone.localdate()
    stored_units = _StoredUnitsOfPeople(ctx) if ctx.actor is not None else None
    for row in progress.rows(SheetRows(sheet, SPEC, ctx.report), sheet):
        v = row.values
        code = v.get("code")
        if not row.ok:
            if code:
                ctx.rejected_people.add(code)
            continue
        if code in first_row:
            ctx.error(
                SPEC.name,
                row.number,
                "code",
                code,
                _("The code %(code)s appears again; it was first on row %(row)d.")
                % {"code": code, "row": first_row[code]},
            )
            continue
        first_row[code] = row.number
        problems = check_code(code) + check_person_dates(
            v["birth_date"], v["party_join_date"], v["party_official_date"], today
        )
        bad = ctx.problems(SPEC.name, row, problems, SPEC)
        unit = None
        if v["unit_code"]:
            unit, reason = ctx.unit_reference(v["unit_code"])
            if reason:
                ctx.error(SPEC.name, row.number, "unit_code", v["unit_code"], reason)
            bad = bad or unit is None
        if not bad and not ctx.guard.allows(unit.path if unit else None):
            ctx.error(SPEC.name, row.number, "unit_code", v["unit_code"], ctx.guard.message())
            bad = True
        if bad:
            ctx.rejected_people.add(code)
        else:
            ctx.person_codes.add(code)
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
            if not self.ctx.guard.allows(path):
                self.ctx.error(
                    SPEC.name, self.pending[code], "code", code, self.ctx.guard.message()
                )
                self.ctx.rejected_people.add(code)
        self.pending = {}


def values_of(v: dict, unit_id) -> dict:
    values = {
        "code": v["code"],
        "full_name": v["full_name"],
        "gender": v["gender"],
        "birth_date": v["birth_date"],
        "ethnicity": v["ethnicity"],
        "hometown": v["hometown"],
        "party_join_date": v["party_join_date"],
        "party_official_date": v["party_official_date"],
        "unit_id": unit_id,
    }
    return {key: values[key] for key in AUDITED}


def write(sheet, ctx: ImportContext, audit: AuditWriter, progress, scratch_report) -> None:
    counts = ctx.report.file_counts(SPEC.name)
    rejected = ctx.rejected_rows(SPEC.name)
    table = TableWriter(Person._meta.db_table, INSERT_COLUMNS)
    # Codes are unique within the file, so when no person was stored before, none of the
    # file's people is: no batch needs looking up.
    lookup = Person.objects.exists()
    batch = []
    for row in progress.rows(SheetRows(sheet, SPEC, scratch_report), sheet):
        if not row.ok or row.number in rejected:
            continue
        unit = ctx.units.get(row.values["unit_code"]) if row.values["unit_code"] else None
        batch.append(values_of(row.values, unit.id if unit else None))
        if len(batch) >= BATCH_SIZE:
            _write_batch(batch, table, audit, counts, lookup)
            batch = []
    _write_batch(batch, table, audit, counts, lookup)


# The audit label of a created person, as _label gives it, for AuditWriter.add_created.
LABEL_SQL = "t.full_name || ' (' || t.code || ')'"


def _write_batch(
    batch: list[dict], table: TableWriter, audit: AuditWriter, counts, lookup: bool
) -> None:
    if not batch:
        return
    stored = (
        {
            row["code"]: row
            for row in Person.objects.filter(code__in=[v["code"] for v in batch]).values(
                "id", *AUDITED
            )
        }
        if lookup
        else {}
    )
    new = [v for v in batch if v["code"] not in stored]
    inserts, updates = [], []
    ids = table.allocate_ids(len(new))
    for values, pk in zip(new, ids, strict=True):
        search_text = person_search_text(values["code"], values["full_name"])
        inserts.append((pk, *values.values(), search_text))
    counts.created += len(new)
    for values in batch:
        before = stored.get(values["code"])
        if before is None:
            continue
        pk = before.pop("id")
        before_plain, after_plain = _plain_snapshot(before), _plain_snapshot(values)
        if before_plain == after_plain:
            counts.unchanged += 1
            continue
        search_text = person_search_text(values["code"], values["full_name"])
        updates.append((*values.values(), search_text, pk))
        audit.add(Person, pk, _label(values), before_plain, after_plain)
        counts.updated += 1
    table.insert(inserts)
    audit.add_created(Person, ids, LABEL_SQL)
    table.update((*AUDITED, "search_text"), updates)


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
