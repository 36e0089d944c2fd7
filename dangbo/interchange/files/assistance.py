"""assistance: bodies assigned to help a weak unit (giúp đỡ cơ sở).
Key (unit_code, helper_code, start_date).

`unit_code` is the unit helped, `helper_code` the body that helps; the help lies within the
life of both units.
"""

from django.utils.translation import gettext as _

from dangbo.assessment.models import Assistance, HelperRole
from dangbo.core.errors import Problem
from dangbo.interchange import parsers
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec
from dangbo.org.validation import check_period

SPEC = FileSpec(
    name="assistance",
    title="Giúp đỡ",
    columns=(
        Column("unit_code", "đơn vị được giúp", required=True, parse=parsers.code),
        Column("helper_code", "đơn vị giúp", required=True, parse=parsers.code),
        Column("role", "vai trò", required=True, parse=parsers.choice(HelperRole)),
        Column("start_date", "từ ngày", required=True, parse=parsers.day),
        Column("end_date", "đến ngày", parse=parsers.day),
        Column("plan", "kế hoạch"),
    ),
    natural_key=("unit_code", "helper_code", "start_date"),
    model=Assistance,
)


def person_codes(rows) -> set[str]:
    return set()


def check(rows, ctx: ImportContext, facts=None) -> list[records.Pending]:
    checks = records.RowChecks(SPEC, ctx, facts)
    what = _("This help (same unit, helper and start date)")
    for row, key in checks.new_rows(rows, "start_date", what):
        v = row.values
        problems = check_period(v["start_date"], v["end_date"], "end_date")
        if v["unit_code"] == v["helper_code"]:
            problems.append(Problem("helper_code", _("A unit cannot help itself.")))
        bad = checks.problems(row, problems)
        unit = checks.unit(row, "unit_code")
        helper = checks.unit(row, "helper_code")
        if bad or unit is None or helper is None:
            continue
        problems = records.outside_life(v, (unit, "unit_code"), (helper, "helper_code"))
        checks.accept_in(row, key, "unit_code", unit, problems)
    return checks.finish(MODULE)


def _stored(keys):
    return Assistance.objects.select_related("unit", "helper").filter(
        unit__code__in={k[0] for k in keys}, start_date__in={k[2] for k in keys}
    )


MODULE = records.Module(
    spec=SPEC,
    model=Assistance,
    stored=_stored,
    key_of=lambda r: (r.unit.code, r.helper.code, r.start_date),
    fields=records.fields(
        "role",
        "start_date",
        "end_date",
        "plan",
        units=(("unit_id", "unit_code"), ("helper_id", "helper_code")),
    ),
    label_related=("helper", "unit"),
    unit_path_of=lambda r: r.unit.path,
)
write = MODULE.write
export_rows = records.exported(
    ("unit__code", "start_date", "helper__code"),
    ("unit__code", "helper__code", "role", "start_date", "end_date", "plan"),
)
