"""units: the organization tree (đơn vị). Natural key: code."""

from django.utils.translation import gettext as _

from dangbo.core.text import fold
from dangbo.interchange import parsers
from dangbo.interchange.auditlog import AuditWriter, audited_fields
from dangbo.interchange.bulk import TableWriter
from dangbo.interchange.context import ImportContext, UnitState
from dangbo.interchange.rows import SheetRows
from dangbo.interchange.specs import Column, FileSpec
from dangbo.org import validation
from dangbo.org.models import Unit, UnitKind, build_path

SPEC = FileSpec(
    name="units",
    title="Đơn vị",
    columns=(
        Column("code", "mã đơn vị", required=True, parse=parsers.code),
        Column("name", "tên", required=True),
        Column("kind", "loại", required=True, parse=parsers.choice(UnitKind)),
        Column("parent_code", "mã cấp trên", parse=parsers.code),
        Column("valid_from", "từ ngày", parse=parsers.day),
        Column("valid_to", "đến ngày", parse=parsers.day),
    ),
    natural_key=("code",),
    model=Unit,
    field_columns=(("parent", "parent_code"),),
)

AUDITED = audited_fields(Unit)
INSERT_COLUMNS = ("id", *AUDITED, "path", "search_text")
SEARCH_TEXT_LENGTH = Unit._meta.get_field("search_text").max_length


def load_stored(ctx: ImportContext) -> None:
    stored = list(
        Unit.objects.values_list(
            "id", "code", "name", "kind", "parent_id", "valid_from", "valid_to", "path"
        )
    )
    codes = {pk: code for pk, code, *_rest in stored}
    for pk, code, name, kind, parent_id, valid_from, valid_to, path in stored:
        unit = UnitState(
            code=code,
            name=name,
            kind=kind,
            parent_code=codes.get(parent_id, ""),
            valid_from=valid_from,
            valid_to=valid_to,
            id=pk,
            stored_path=path,
            path=path,
        )
        unit.stored = snapshot(unit, parent_id)
        ctx.units[code] = unit


def snapshot(unit: UnitState, parent_id) -> dict:
    values = {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent_id": parent_id,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
    }
    return {key: values[key] for key in AUDITED}


def check(sheet, ctx: ImportContext) -> None:
    """Pass 1: read every row into the in-memory tree; the tree is checked after the events."""
    accepted = {}
    for row in ctx.coded_rows(SPEC.name, SheetRows(sheet, SPEC, ctx.report), ctx.rejected_units):
        values = row.values
        code = values["code"]
        problems = validation.check_period(values["valid_from"], values["valid_to"], "valid_to")
        if values["parent_code"] == code:
            ctx.error(
                SPEC.name, row.number, "parent_code", code, _("A unit cannot be its own parent.")
            )
            ctx.rejected_units.add(code)
        elif ctx.problems(SPEC.name, row, problems, SPEC):
            ctx.rejected_units.add(code)
        else:
            accepted[code] = row
    for code, row in accepted.items():
        if code in ctx.rejected_units:
            continue
        values = row.values
        unit = ctx.units.get(code) or UnitState(code=code)
        unit.name, unit.kind = values["name"], values["kind"]
        unit.parent_code = values["parent_code"]
        unit.valid_from, unit.valid_to = values["valid_from"], values["valid_to"]
        unit.row = row.number
        ctx.units[code] = unit


def write(ctx: ImportContext, audit: AuditWriter) -> None:
    """Pass 2: write the units in the import, parents first, so children get parent ids
    and paths (a path holds the ids of the unit and those above it)."""
    counts = ctx.report.file_counts(SPEC.name)
    table = TableWriter(Unit._meta.db_table, INSERT_COLUMNS)
    changed = [
        u
        for u in ctx.units.values()
        if u.code not in ctx.rejected_units and (u.in_import or u.path != u.stored_path)
    ]
    changed.sort(key=lambda u: u.path.count("/"))
    for depth_units in _by_depth(changed):
        new = [u for u in depth_units if u.id is None]
        for unit, pk in zip(new, table.allocate_ids(len(new)), strict=True):
            unit.id = pk
        inserts, updates = [], []
        for unit in depth_units:
            parent = ctx.units.get(unit.parent_code)
            # Its own path, now that its id is known; the parent's is final already (a
            # lower depth was written first, or it is stored and unchanged).
            unit.path = build_path(parent.path if parent else None, unit.id)
            after = snapshot(unit, parent.id if parent else None)
            label = f"{unit.name} ({unit.code})"
            search_text = fold(f"{unit.code} {unit.name}")[:SEARCH_TEXT_LENGTH]
            if unit.stored is None:
                inserts.append((unit.id, *after.values(), unit.path, search_text))
                audit.add(Unit, unit.id, label, None, after)
                counts.created += 1
            elif after != unit.stored or unit.path != unit.stored_path:
                updates.append((*after.values(), unit.path, search_text, unit.id))
                if after != unit.stored:
                    audit.add(Unit, unit.id, label, unit.stored, after)
                    counts.updated += 1
                elif unit.row:
                    counts.unchanged += 1
            elif unit.row:
                counts.unchanged += 1
        table.insert(inserts)
        table.update((*AUDITED, "path", "search_text"), updates)


def _by_depth(units: list[UnitState]):
    group, depth = [], None
    for unit in units:
        current = unit.path.count("/")
        if group and current != depth:
            yield group
            group = []
        group.append(unit)
        depth = current
    if group:
        yield group


def export_rows(units):
    """Rows for export from a queryset of units."""
    for code, name, kind, parent_code, valid_from, valid_to in units.order_by("path").values_list(
        "code", "name", "kind", "parent__code", "valid_from", "valid_to"
    ):
        yield (code, name, kind, parent_code or "", valid_from, valid_to)
