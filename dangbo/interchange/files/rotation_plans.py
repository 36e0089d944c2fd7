"""rotation_plans (added to INTERCHANGE.md, docs/interchange.md): the plans rotations belong
to (kế hoạch luân chuyển). Key: code.

`unit_code` is the committee the plan belongs to (its scope); kind, years and the evaluation
at the end are those entered on the plan's screen, and the years must fit the kind
(`rotation.services.check_plan_period`, the rule of the screens). The standing committee's
approval is not part of the file (a screen workflow, like rating rounds). A rotation's
`plan` names a plan of this file or a stored one; a plan named by rotations only is still
created as before (rotations.py).
"""

from django.utils.translation import gettext as _

from dangbo.interchange import parsers
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec
from dangbo.org.validation import check_code
from dangbo.rotation.models import PlanKind, PlanStatus, RotationPlan
from dangbo.rotation.services import check_plan_period

SPEC = FileSpec(
    name="rotation_plans",
    title="Kế hoạch luân chuyển",
    model=RotationPlan,
    columns=(
        Column("code", "mã", required=True, parse=parsers.code),
        Column("name", "tên", required=True),
        Column("unit_code", "cấp ủy", parse=parsers.code),
        Column("kind", "loại", parse=parsers.choice(PlanKind)),
        Column("start_year", "từ năm", parse=parsers.year),
        Column("end_year", "đến năm", parse=parsers.year),
        # Written on the plan's screen at its end: a file without the column keeps it.
        Column("evaluation", "đánh giá", added=True),
    ),
    natural_key=("code",),
)


def person_codes(rows) -> set[str]:
    return set()


def check(rows, ctx: ImportContext, facts=None) -> list[records.Pending]:
    checks = records.RowChecks(SPEC, ctx, facts)
    for row, key in checks.new_rows(rows, "code", records.the_code):
        v = row.values
        problems = check_code(v["code"]) + check_plan_period(
            v["kind"], v["start_year"], v["end_year"]
        )
        bad = checks.problems(row, problems)
        unit = checks.unit(row, "unit_code") if v["unit_code"] else None
        if bad or (v["unit_code"] and unit is None):
            continue
        checks.accept_in(row, key, "unit_code", unit)
    checks.finish(MODULE)
    _refuse_changes_to_approved(ctx, checks)
    return checks.accepted


def _refuse_changes_to_approved(ctx: ImportContext, checks: records.RowChecks) -> None:
    """An approved plan keeps its name, committee, kind and years until the standing
    committee sends it back (as `rotation.services.plan_update` on the screens); its
    evaluation may still be written."""
    approved = {
        plan.code: plan
        for plan in RotationPlan.objects.select_related("unit").filter(
            code__in=[p.values["code"] for p in checks.accepted], status=PlanStatus.APPROVED
        )
    }
    for p in checks.accepted:
        plan = approved.get(p.values["code"])
        if plan is None:
            continue
        v = p.values
        stored = (
            plan.name,
            plan.unit.code if plan.unit_id else "",
            plan.kind,
            plan.start_year,
            plan.end_year,
        )
        given = (v["name"], v["unit_code"] or "", v["kind"] or "", v["start_year"], v["end_year"])
        if stored != given:
            ctx.error(
                SPEC.name,
                p.number,
                "name",
                v["name"],
                _(
                    "The plan is approved by the standing committee: only its evaluation "
                    "can be written until it is sent back to draft."
                ),
            )


MODULE = records.Module(
    spec=SPEC,
    model=RotationPlan,
    stored=records.by_code(RotationPlan, "unit"),
    key_of=records.code_of,
    fields=records.fields(
        "code",
        "name",
        "kind",
        "start_year",
        "end_year",
        units=(("unit_id", "unit_code"),),
        added=("evaluation",),
    ),
    unit_path_of=lambda r: r.unit.path if r.unit_id else None,
)
write = MODULE.write
export_rows = records.exported(
    ("code",), ("code", "name", "unit__code", "kind", "start_year", "end_year", "evaluation")
)
