"""supervision_reports: a committee member's written report for a quarter.
Key (person_code, period); a period is written YYYYQn. The report belongs to the member's
unit (scope). `summary` (added to INTERCHANGE.md): the report's summary entered on the screen;
a file without the column leaves the stored summary as it is.
"""

from django.utils.translation import gettext as _

from dangbo.interchange import parsers
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec
from dangbo.supervision.models import SupervisionReport
from dangbo.supervision.services import check_period_text

SPEC = FileSpec(
    name="supervision_reports",
    title="Báo cáo phụ trách",
    columns=(
        Column("person_code", "mã người", required=True, parse=parsers.code),
        Column("period", "kỳ", required=True),
        Column("submitted_date", "ngày nộp", required=True, parse=parsers.day),
        Column("summary", "tóm tắt", added=True),
    ),
    natural_key=("person_code", "period"),
    model=SupervisionReport,
)


def person_codes(rows) -> set[str]:
    return {row.values["person_code"] for row in rows if row.ok}


def check(rows, ctx: ImportContext, facts: records.PersonFacts) -> list[records.Pending]:
    checks = records.RowChecks(SPEC, ctx, facts)
    what = _("The report of this member for this period")
    for row, key in checks.new_rows(rows, "period", what):
        v = row.values
        bad = checks.problems(row, check_period_text(v["period"]))
        person = checks.person(row, "person_code")
        if bad or person is None:
            continue
        unit = None
        if person.unit_code:
            unit, reason = ctx.unit_reference(person.unit_code)
            if reason:
                checks.error(row, "person_code", person.code, reason)
                continue
        checks.accept_in(row, key, "person_code", unit)
    return checks.finish(MODULE)


def _stored(keys):
    return SupervisionReport.objects.select_related("person__unit").filter(
        person__code__in={k[0] for k in keys}, period__in={k[1] for k in keys}
    )


MODULE = records.Module(
    spec=SPEC,
    model=SupervisionReport,
    stored=_stored,
    key_of=lambda r: (r.person.code, r.period),
    fields=records.fields(
        "period", "submitted_date", people=(("person_id", "person_code"),), added=("summary",)
    ),
    label_related=("person",),
    unit_path_of=lambda r: r.person.unit.path if r.person.unit_id else None,
)
write = MODULE.write
export_rows = records.exported(
    ("person__code", "period"), ("person__code", "period", "submitted_date", "summary")
)
