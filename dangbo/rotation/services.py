"""Writes to rotation plans and rotations (RULES §2), atomic and audited.

Recording a rotation that promotes someone under a promotion bar is refused unless a
standing committee member overrides it with a written reason (recorded and audited); an
import records history as it happened and leaves findings to the review.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core import audit, records
from dangbo.core.errors import InputError, Problem
from dangbo.discipline.facts import as_case
from dangbo.discipline.models import DisciplineCase
from dangbo.org.models import Unit
from dangbo.org.policy import ADD, CHANGE, DECIDE
from dangbo.org.validation import check_code
from dangbo.people.models import Person, Role
from dangbo.rotation.labels import PLAN_PROBLEM_LABELS
from dangbo.rotation.models import PlanKind, PlanStatus, Reason, Rotation, RotationPlan
from dangbo.rotation.permissions import plan_policy, rotation_policy
from dangbo.rules import rotation as rules

# Findings that stop a new rotation entered on screen or through the API (issue: "a
# rotation that promotes someone under a promotion bar").
BLOCKING = frozenset({"promotion_barred"})


def findings_for(rotation: Rotation) -> list[str]:
    person = rotation.person
    cases = [
        as_case(c)
        for c in DisciplineCase.objects.select_related("person", "unit").filter(person=person)
    ]
    return rules.rotation_findings(
        as_rotation(rotation),
        birth_date=person.birth_date,
        gender=person.gender,
        person_cases=cases,
    )


def as_rotation(rotation: Rotation) -> rules.Rotation:
    return rules.Rotation(
        code=rotation.code,
        person_code=rotation.person.code,
        start=rotation.start_date,
        planned_months=rotation.planned_months,
        to_role=rotation.to_role,
        reason=rotation.reason or None,
        from_role=rotation.from_role or None,
    )


def _check(rotation: Rotation) -> list[Problem]:
    problems = check_code(rotation.code)
    if rotation.to_role not in Role.values:
        problems.append(Problem("to_role", _("Unknown role."), rotation.to_role))
    if rotation.from_role and rotation.from_role not in Role.values:
        problems.append(Problem("from_role", _("Unknown role."), rotation.from_role))
    if rotation.reason and rotation.reason not in Reason.values:
        problems.append(Problem("reason", _("Unknown reason."), rotation.reason))
    if rotation.planned_months is None or rotation.planned_months <= 0:
        problems.append(Problem("planned_months", _("Give the planned duration in months.")))
    if rotation.end_date and rotation.end_date < rotation.start_date:
        problems.append(Problem("end_date", _("The end date is before the start date.")))
    if not rotation.to_unit.is_valid_on(rotation.start_date):
        problems.append(
            Problem(
                "to_unit", _("The unit does not exist on the start date."), rotation.to_unit.code
            )
        )
    return problems


@transaction.atomic
def rotation_record(
    *,
    actor,
    code: str,
    person: Person,
    to_unit: Unit,
    to_role: str,
    start_date: date,
    planned_months: int,
    plan: RotationPlan | None = None,
    from_unit: Unit | None = None,
    from_role: str = "",
    to_title: str = "",
    reason: str = "",
    end_date: date | None = None,
    override_reason: str = "",
    source: str = audit.SOURCE_SCREEN,
) -> Rotation:
    # The standing committee decides rotations, so it may record one as the office does.
    rotation_policy.require(actor, ADD, to_unit)
    rotation = Rotation(
        code=code,
        person=person,
        plan=plan,
        from_unit=from_unit,
        from_role=from_role or "",
        to_unit=to_unit,
        to_role=to_role,
        to_title=to_title or "",
        reason=reason or "",
        start_date=start_date,
        planned_months=planned_months,
        end_date=end_date,
    )
    problems = _check(rotation) + plan_open_problems(plan)
    if Rotation.objects.filter(code=code).exists():
        problems.append(Problem("code", _("Another rotation already has this code."), code))
    if problems:
        raise InputError(problems)
    blocking = BLOCKING.intersection(findings_for(rotation))
    if blocking and source != audit.SOURCE_IMPORT:
        _override(rotation, actor, override_reason, to_unit)
    return records.create(rotation, actor=actor, source=source)


def plan_open_problems(plan: RotationPlan | None, field: str = "plan") -> list[Problem]:
    """An approved plan is the standing committee's decision: its rotations are not added,
    moved or rewritten until it is sent back to draft (ending one, with its evaluation, is
    carrying the plan out and stays open)."""
    # Read from the database (the caller's object may be older than the approval).
    if (
        plan is not None
        and RotationPlan.objects.filter(pk=plan.pk, status=PlanStatus.APPROVED).exists()
    ):
        return [
            Problem(
                field,
                _(
                    "The plan %(plan)s is approved by the standing committee: its rotations "
                    "cannot be changed until it is sent back to draft."
                )
                % {"plan": plan.name},
            )
        ]
    return []


# What an edit may change; the code and the person are the rotation's identity.
EDITABLE = (
    "plan",
    "from_unit",
    "from_role",
    "to_unit",
    "to_role",
    "to_title",
    "reason",
    "start_date",
    "planned_months",
)


@transaction.atomic
def rotation_update(
    *,
    actor,
    rotation: Rotation,
    changes: dict,
    override_reason: str = "",
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> Rotation:
    """Correct a rotation (its plan, where from and to, dates and months), checked as a new one
    is: a promotion bar needs a standing committee member's written reason again."""
    current = (
        Rotation.objects.select_for_update(of=("self",))
        .select_related("person", "to_unit", "plan")
        .get(pk=rotation.pk)
    )
    rotation_policy.require(actor, CHANGE, current.to_unit)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    audit.ensure_unchanged(current, expected_version)
    values = {field: changes.get(field, getattr(current, field)) for field in EDITABLE}
    values["from_role"] = values["from_role"] or ""
    values["to_title"] = values["to_title"] or ""
    values["reason"] = values["reason"] or ""
    if values["to_unit"] != current.to_unit:
        rotation_policy.require(actor, CHANGE, values["to_unit"])
    draft = Rotation(
        pk=current.pk,
        code=current.code,
        person=current.person,
        end_date=current.end_date,
        override_reason=current.override_reason,
        **values,
    )
    problems = _check(draft) + plan_open_problems(current.plan)
    if values["plan"] != current.plan:
        problems += plan_open_problems(values["plan"])
    if problems:
        raise InputError(problems)
    blocking = BLOCKING.intersection(findings_for(draft))
    # A finding let stand before stays let stand, with its reason, unless a new one is given.
    kept = current.override_reason and override_reason.strip() in ("", current.override_reason)
    if blocking and source != audit.SOURCE_IMPORT and not kept:
        _override(draft, actor, override_reason, values["to_unit"])
        values.update(
            override_reason=draft.override_reason,
            override_by=draft.override_by,
            override_at=draft.override_at,
        )
    return records.update(
        current, values, actor=actor, source=source, expected_version=expected_version
    )


def _override(record, actor, reason: str, unit: Unit) -> None:
    """Let a finding stand only with a decider's written reason, kept on the record."""
    if not reason.strip():
        raise InputError(
            [
                Problem(
                    "override_reason",
                    _(
                        "This person is under a promotion bar (69-QĐ/TW, 80-QĐ/TW / 377-QĐ/TW): "
                        "the rotation cannot be recorded unless a standing committee member "
                        "overrides it with a written reason."
                    ),
                )
            ]
        )
    if not rotation_policy.can(actor, DECIDE, unit):
        raise InputError(
            [
                Problem(
                    "override_reason",
                    _("Only a standing committee member of this unit may override a finding."),
                )
            ]
        )
    record.override_reason = reason.strip()
    record.override_by = actor if getattr(actor, "pk", None) else None
    record.override_at = timezone.now()


@transaction.atomic
def rotation_end(
    *,
    actor,
    rotation: Rotation,
    end_date: date,
    evaluation: str = "",
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> Rotation:
    """Close a rotation with its end date and the evaluation of how it went."""
    current = Rotation.objects.select_for_update().select_related("to_unit").get(pk=rotation.pk)
    rotation_policy.require(actor, CHANGE, current.to_unit)
    if end_date < current.start_date:
        raise InputError([Problem("end_date", _("The end date is before the start date."))])
    return records.update(
        current,
        {"end_date": end_date, "evaluation": evaluation or current.evaluation},
        actor=actor,
        source=source,
        expected_version=expected_version,
        action=audit.END,
    )


@transaction.atomic
def plan_record(
    *,
    actor,
    code: str,
    name: str,
    unit: Unit,
    kind: str = "",
    start_year=None,
    end_year=None,
    source: str = audit.SOURCE_SCREEN,
) -> RotationPlan:
    plan_policy.require(actor, ADD, unit)
    problems = check_code(code)
    if RotationPlan.objects.filter(code=code).exists():
        problems.append(Problem("code", _("Another plan already has this code."), code))
    problems += check_plan_period(kind, start_year, end_year)
    if problems:
        raise InputError(problems)
    plan = RotationPlan(
        code=code, name=name, unit=unit, kind=kind, start_year=start_year, end_year=end_year
    )
    return records.create(plan, actor=actor, source=source)


@transaction.atomic
def plan_update(
    *,
    actor,
    plan: RotationPlan,
    name: str,
    kind: str = "",
    start_year=None,
    end_year=None,
    evaluation: str = "",
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> RotationPlan:
    """Correct a plan, or write its evaluation at the end (đánh giá khi kết thúc)."""
    # The committee is nullable: lock the plan row only (PostgreSQL refuses an outer join).
    current = (
        RotationPlan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
    )
    plan_policy.require(actor, CHANGE, current.unit)
    changes = {
        "name": name,
        "kind": kind or "",
        "start_year": start_year,
        "end_year": end_year,
        "evaluation": evaluation or "",
    }
    if current.is_approved and any(
        getattr(current, field) != value
        for field, value in changes.items()
        if field != "evaluation"
    ):
        raise InputError(
            [
                Problem(
                    "name",
                    _(
                        "The plan is approved by the standing committee: only its evaluation "
                        "can be written until it is sent back to draft."
                    ),
                )
            ]
        )
    problems = check_plan_period(kind, start_year, end_year)
    if problems:
        raise InputError(problems)
    return records.update(
        current, changes, actor=actor, source=source, expected_version=expected_version
    )


def check_plan_period(kind: str, start_year, end_year) -> list[Problem]:
    """The plan's kind and years (rules.plan_period_problems), shared with the import."""
    problems = []
    if kind and kind not in PlanKind.values:
        problems.append(Problem("kind", _("Unknown kind of plan."), kind))
        return problems
    for code in rules.plan_period_problems(kind or None, start_year, end_year):
        problems.append(
            Problem(
                "end_year", f"{PLAN_PROBLEM_LABELS[code]} ({rules.plan_period_rule(start_year)})"
            )
        )
    return problems


def _locked_plan(plan: RotationPlan) -> RotationPlan:
    return (
        RotationPlan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
    )


@transaction.atomic
def plan_approve(
    *,
    actor,
    plan: RotationPlan,
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> RotationPlan:
    """The standing committee approves the plan (Ban Thường vụ phê duyệt): draft → approved,
    with who and when; its rotations are closed to changes until it is sent back."""
    current = _locked_plan(plan)
    plan_policy.require(
        actor,
        DECIDE,
        current.unit,
        _("Only the standing committee of the plan's committee approves it."),
    )
    if current.is_approved:
        raise InputError([Problem("status", _("This plan is approved already."))])
    problems = check_plan_period(current.kind, current.start_year, current.end_year)
    if not current.kind or not current.start_year or not current.end_year:
        problems.append(
            Problem("status", _("Give the plan its kind and its years before approving it."))
        )
    if problems:
        raise InputError(problems)
    changes = {
        "status": PlanStatus.APPROVED,
        "approved_by": actor if getattr(actor, "pk", None) else None,
        "approved_at": timezone.now(),
        "sent_back_reason": "",
    }
    return records.update(
        current, changes, actor=actor, source=source, expected_version=expected_version
    )


@transaction.atomic
def plan_send_back(
    *,
    actor,
    plan: RotationPlan,
    reason: str,
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> RotationPlan:
    """The standing committee sends the plan back to the office with a written reason: the
    plan is a draft again (an approved one is reopened for changes)."""
    current = _locked_plan(plan)
    plan_policy.require(
        actor,
        DECIDE,
        current.unit,
        _("Only the standing committee of the plan's committee sends it back."),
    )
    if not (reason or "").strip():
        raise InputError([Problem("reason", _("Write why the plan is sent back."))])
    changes = {
        "status": PlanStatus.DRAFT,
        "approved_by": None,
        "approved_at": None,
        "sent_back_reason": reason.strip(),
    }
    return records.update(
        current, changes, actor=actor, source=source, expected_version=expected_version
    )
