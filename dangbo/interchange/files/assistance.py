"""assistance: bodies assigned to help a weak unit (giúp đỡ cơ sở).
Key (unit_code, helper_code, start_date).

`unit_code` is the unit helped, `helper_code` the body that helps; the help lies within the
life of both units.
"""

from django.utils.translation import gettext as _

from dangbo.assessment.models import Assistance, HelperRole
from dangbo.core.errors import Problem
from dangbo.interchange import parsers
from dangbo.interchange.auditlog import AuditWriter
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec
from dangbo.org.validation import check_period, check_within

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
    for row in rows:
        if not row.ok:
            continue
        v = row.values
        key = (v["unit_code"], v["helper_code"], v["start_date"])
        what = _("This help (same unit, helper and start date)")
        if checks.duplicate(row, key, "start_date", what):
            continue
        problems = check_period(v["start_date"], v["end_date"], "end_date")
        if v["unit_code"] == v["helper_code"]:
            problems.append(Problem("helper_code", _("A unit cannot help itself.")))
        bad = checks.problems(row, problems)
        unit = checks.unit(row, "unit_code")
        helper = checks.unit(row, "helper_code")
        if bad or unit is None or helper is None:
            continue
        problems = []
        for who, column in ((unit, "unit_code"), (helper, "helper_code")):
            problems += check_within(
                v["start_date"],
                v["end_date"],
                who.valid_from,
                who.valid_to,
                what=_("The unit %(unit)s") % {"unit": who.name},
                field=column,
            )
        if checks.problems(row, problems) or not checks.in_scope(row, "unit_code", unit):
            continue
        checks.accept(row, key, unit.code)
    records.check_stored_scope(ctx, MODULE, checks)
    return checks.accepted


def _stored(keys):
    return Assistance.objects.select_related("unit", "helper").filter(
        unit__code__in={k[0] for k in keys}, start_date__in={k[2] for k in keys}
    )


MODULE = records.Module(
    spec=SPEC,
    model=Assistance,
    stored=_stored,
    key_of=lambda r: (r.unit.code, r.helper.code, r.start_date),
    fields=lambda p, refs: {
        "unit_id": refs.unit(p.values["unit_code"]),
        "helper_id": refs.unit(p.values["helper_code"]),
        "role": p.values["role"],
        "start_date": p.values["start_date"],
        "end_date": p.values["end_date"],
        "plan": p.values["plan"],
    },
    label_related=("helper", "unit"),
    unit_path_of=lambda r: r.unit.path,
)


def write(ctx: ImportContext, audit: AuditWriter, accepted, refs: records.Refs) -> None:
    records.write(ctx, audit, MODULE, accepted, refs)


def export_rows(assistance):
    yield from assistance.order_by("unit__code", "start_date", "helper__code").values_list(
        "unit__code", "helper__code", "role", "start_date", "end_date", "plan"
    )
