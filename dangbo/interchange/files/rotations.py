"""rotations: cadres moved to another unit or post for a set time (luân chuyển). Key: code.

`plan` names a rotation plan by its code; a plan not stored yet is created with that code as
its name (its committee, kind and years are filled in on the screen). Findings of the rules
(too short, close to retirement, under discipline, promotion barred) are not bad input: the
rotation is imported as it happened and flagged by `dangbo review rotations`.
"""

from django.utils.translation import gettext as _

from dangbo.core.errors import Problem
from dangbo.interchange import parsers
from dangbo.interchange.auditlog import AuditWriter
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec
from dangbo.org.models import Unit
from dangbo.org.selectors import common_ancestor
from dangbo.org.validation import check_code, check_period
from dangbo.people.models import Role
from dangbo.rotation.models import PlanStatus, Reason, Rotation, RotationPlan
from dangbo.rotation.services import plan_open_problems

SPEC = FileSpec(
    name="rotations",
    title="Luân chuyển",
    columns=(
        Column("code", "mã", required=True, parse=parsers.code),
        Column("person_code", "mã người", required=True, parse=parsers.code),
        Column("to_unit_code", "đơn vị đến", required=True, parse=parsers.code),
        Column("to_role", "vai trò mới", required=True, parse=parsers.choice(Role)),
        Column("start_date", "từ ngày", required=True, parse=parsers.day),
        Column("planned_months", "số tháng", required=True, parse=parsers.integer),
        Column("from_unit_code", "đơn vị đi", parse=parsers.code),
        Column("from_role", "vai trò cũ", parse=parsers.choice(Role)),
        Column("to_title", "chức vụ mới"),
        Column("reason", "lý do", parse=parsers.choice(Reason)),
        Column("plan", "kế hoạch", parse=parsers.code),
        Column("end_date", "đến ngày", parse=parsers.day),
        # Added to INTERCHANGE.md (docs/interchange.md): entered on the rotation's screen.
        Column("evaluation", "đánh giá", added=True),
        Column("override_reason", "lý do vẫn quyết định", added=True),
    ),
    natural_key=("code",),
    model=Rotation,
)


def person_codes(rows) -> set[str]:
    return {row.values["person_code"] for row in rows if row.ok}


def check(rows, ctx: ImportContext, facts: records.PersonFacts) -> list[records.Pending]:
    checks = records.RowChecks(SPEC, ctx, facts)
    for row, key in checks.new_rows(rows, "code", records.the_code):
        v = row.values
        problems = check_code(v["code"]) + check_period(v["start_date"], v["end_date"], "end_date")
        if v["planned_months"] <= 0:
            problems.append(
                Problem("planned_months", _("Give the planned duration in months (more than 0)."))
            )
        bad = checks.problems(row, problems)
        person = checks.person(row, "person_code")
        to_unit = checks.unit(row, "to_unit_code")
        from_unit = checks.unit(row, "from_unit_code") if v["from_unit_code"] else True
        if bad or not (person and to_unit and from_unit):
            continue
        problems = records.not_within(to_unit, v["start_date"], "to_unit_code")
        checks.accept_in(row, key, "to_unit_code", to_unit, problems)
    checks.finish(MODULE)
    _refuse_changes_to_approved_plans(ctx, checks)
    return checks.accepted


# What a row may not change in a rotation of an approved plan: ending it (end date,
# evaluation) is carrying the plan out and stays open, as on the screens.
_KEPT_BY_APPROVAL = (
    ("plan", lambda r: r.plan.code if r.plan_id else ""),
    ("from_unit_code", lambda r: r.from_unit.code if r.from_unit_id else ""),
    ("from_role", lambda r: r.from_role),
    ("to_unit_code", lambda r: r.to_unit.code),
    ("to_role", lambda r: r.to_role),
    ("to_title", lambda r: r.to_title),
    ("reason", lambda r: r.reason),
    ("start_date", lambda r: r.start_date),
    ("planned_months", lambda r: r.planned_months),
)


def _refuse_changes_to_approved_plans(ctx: ImportContext, checks: records.RowChecks) -> None:
    """A plan approved by the standing committee is closed to imports as to screens
    (`rotation.services.plan_open_problems`): a row that would add a rotation to it, move
    one in or out, or rewrite one is refused; the same row as stored passes."""
    if not checks.accepted:
        return
    stored = {
        r.code: r
        for r in Rotation.objects.select_related("plan", "from_unit", "to_unit").filter(
            code__in=[p.values["code"] for p in checks.accepted]
        )
    }
    named = {p.values["plan"] for p in checks.accepted if p.values["plan"]}
    named |= {r.plan.code for r in stored.values() if r.plan_id}
    approved = {
        plan.code: plan
        for plan in RotationPlan.objects.filter(code__in=named, status=PlanStatus.APPROVED)
    }
    if not approved:
        return
    for p in checks.accepted:
        v = p.values
        rotation = stored.get(v["code"])
        old_plan = rotation.plan.code if rotation is not None and rotation.plan_id else ""
        plan = approved.get(v["plan"]) or approved.get(old_plan)
        if plan is None:
            continue
        if rotation is not None and all(
            (v[name] or "") == (value(rotation) or "") for name, value in _KEPT_BY_APPROVAL
        ):
            continue
        for problem in plan_open_problems(plan):
            ctx.error(SPEC.name, p.number, "plan", v["plan"] or old_plan, problem.message)


def _fields(pending: records.Pending, refs: records.Refs) -> dict:
    v = pending.values
    return {
        "code": v["code"],
        "person_id": refs.person(v["person_code"]),
        "plan_id": refs.plans.get(v["plan"]),
        "from_unit_id": refs.unit(v["from_unit_code"]),
        "from_role": v["from_role"],
        "to_unit_id": refs.unit(v["to_unit_code"]),
        "to_role": v["to_role"],
        "to_title": v["to_title"],
        "reason": v["reason"],
        "start_date": v["start_date"],
        "planned_months": v["planned_months"],
        "end_date": v["end_date"],
        **records.given(v, "evaluation", "override_reason"),
    }


MODULE = records.Module(
    spec=SPEC,
    model=Rotation,
    stored=records.by_code(Rotation, "to_unit"),
    key_of=records.code_of,
    fields=_fields,
    label_related=("person",),
    unit_path_of=lambda r: r.to_unit.path,
)


def _committee_of(plan_code: str, accepted) -> Unit | None:
    """A plan the file names but nobody stored yet belongs to the committee above all its moves.

    The dataset has no committee column for plans; without one the plan would be visible to
    the operator only.
    """
    unit_codes = set()
    for pending in accepted:
        if pending.values["plan"] == plan_code:
            unit_codes.add(pending.values["to_unit_code"])
            if pending.values["from_unit_code"]:
                unit_codes.add(pending.values["from_unit_code"])
    paths = Unit.objects.filter(code__in=unit_codes).values_list("path", flat=True)
    pk = common_ancestor(paths)
    return Unit.objects.filter(pk=pk).first() if pk else None


def write(ctx: ImportContext, audit: AuditWriter, accepted, refs: records.Refs) -> None:
    rejected = ctx.rejected_rows(SPEC.name)
    codes = {p.values["plan"] for p in accepted if p.values["plan"] and p.number not in rejected}
    refs.plans.update(RotationPlan.objects.filter(code__in=codes).values_list("code", "id"))
    for code in sorted(codes - set(refs.plans)):
        plan = RotationPlan.objects.create(code=code, name=code, unit=_committee_of(code, accepted))
        audit.add(RotationPlan, plan.pk, str(plan), None, records.snapshot(plan))
        refs.plans[code] = plan.pk
    records.write(ctx, audit, MODULE, accepted, refs)


export_rows = records.exported(
    ("code",),
    (
        "code",
        "person__code",
        "to_unit__code",
        "to_role",
        "start_date",
        "planned_months",
        "from_unit__code",
        "from_role",
        "to_title",
        "reason",
        "plan__code",
        "end_date",
        "evaluation",
        "override_reason",
    ),
)
