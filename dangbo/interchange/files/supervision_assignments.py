"""supervision_assignments: the area (unit) and field a committee member supervises.
Key (person_code, unit_code, start_date). The assignment lies within the life of its unit.
"""

from django.utils.translation import gettext as _

from dangbo.interchange import parsers
from dangbo.interchange.auditlog import AuditWriter
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec
from dangbo.org.validation import check_period, check_within
from dangbo.supervision.models import SupervisionAssignment

SPEC = FileSpec(
    name="supervision_assignments",
    title="Phân công phụ trách",
    columns=(
        Column("person_code", "mã người", required=True, parse=parsers.code),
        Column("unit_code", "địa bàn", required=True, parse=parsers.code),
        Column("start_date", "từ ngày", required=True, parse=parsers.day),
        Column("field", "lĩnh vực"),
        Column("end_date", "đến ngày", parse=parsers.day),
    ),
    natural_key=("person_code", "unit_code", "start_date"),
    model=SupervisionAssignment,
)


def person_codes(rows) -> set[str]:
    return {row.values["person_code"] for row in rows if row.ok}


def check(rows, ctx: ImportContext, facts: records.PersonFacts) -> list[records.Pending]:
    checks = records.RowChecks(SPEC, ctx, facts)
    for row in rows:
        if not row.ok:
            continue
        v = row.values
        key = (v["person_code"], v["unit_code"], v["start_date"])
        what = _("This assignment (same person, unit and start date)")
        if checks.duplicate(row, key, "start_date", what):
            continue
        bad = checks.problems(row, check_period(v["start_date"], v["end_date"], "end_date"))
        person = checks.person(row, "person_code")
        unit = checks.unit(row, "unit_code")
        if bad or person is None or unit is None:
            continue
        problems = check_within(
            v["start_date"],
            v["end_date"],
            unit.valid_from,
            unit.valid_to,
            what=_("The unit %(unit)s") % {"unit": unit.name},
            field="unit_code",
        )
        if checks.problems(row, problems) or not checks.in_scope(row, "unit_code", unit):
            continue
        checks.accept(row, key, unit.code)
    records.check_stored_scope(ctx, MODULE, checks)
    return checks.accepted


def _stored(keys):
    return SupervisionAssignment.objects.select_related("person", "unit").filter(
        person__code__in={k[0] for k in keys}
    )


MODULE = records.Module(
    spec=SPEC,
    model=SupervisionAssignment,
    stored=_stored,
    key_of=lambda r: (r.person.code, r.unit.code, r.start_date),
    fields=lambda p, refs: {
        "person_id": refs.person(p.values["person_code"]),
        "unit_id": refs.unit(p.values["unit_code"]),
        "field": p.values["field"],
        "start_date": p.values["start_date"],
        "end_date": p.values["end_date"],
    },
    label_related=("person", "unit"),
    unit_path_of=lambda r: r.unit.path,
)


def write(ctx: ImportContext, audit: AuditWriter, accepted, refs: records.Refs) -> None:
    records.write(ctx, audit, MODULE, accepted, refs)


def export_rows(assignments):
    yield from assignments.order_by("person__code", "start_date", "unit__code").values_list(
        "person__code", "unit__code", "start_date", "field", "end_date"
    )
