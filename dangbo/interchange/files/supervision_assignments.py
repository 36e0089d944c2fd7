"""supervision_assignments: the area (unit) and field a committee member supervises.
Key (person_code, unit_code, start_date). The assignment lies within the life of its unit.
"""

from django.utils.translation import gettext as _

from dangbo.interchange import parsers
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec
from dangbo.org.validation import check_period
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
    what = _("This assignment (same person, unit and start date)")
    for row, key in checks.new_rows(rows, "start_date", what):
        v = row.values
        bad = checks.problems(row, check_period(v["start_date"], v["end_date"], "end_date"))
        person = checks.person(row, "person_code")
        unit = checks.unit(row, "unit_code")
        if bad or person is None or unit is None:
            continue
        problems = records.outside_life(v, (unit, "unit_code"))
        checks.accept_in(row, key, "unit_code", unit, problems)
    return checks.finish(MODULE)


def _stored(keys):
    return SupervisionAssignment.objects.select_related("person", "unit").filter(
        person__code__in={k[0] for k in keys}
    )


MODULE = records.Module(
    spec=SPEC,
    model=SupervisionAssignment,
    stored=_stored,
    key_of=lambda r: (r.person.code, r.unit.code, r.start_date),
    fields=records.fields(
        "field",
        "start_date",
        "end_date",
        units=(("unit_id", "unit_code"),),
        people=(("person_id", "person_code"),),
    ),
    label_related=("person", "unit"),
    unit_path_of=lambda r: r.unit.path,
)
write = MODULE.write
export_rows = records.exported(
    ("person__code", "start_date", "unit__code"),
    ("person__code", "unit__code", "start_date", "field", "end_date"),
)
