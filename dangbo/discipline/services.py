"""Writes to discipline cases: opened, decided, announced, complaints filed and resolved.

Kept by the inspection commission (Ủy ban Kiểm tra) of the case's unit or above; atomic
and audited. A case opens at the ideological-work step (`case_open`) and moves one step at a
time (`case_decide`, `case_announce`, `case_complaint_file`, `case_complaint_resolve`), each
refused out of order or dated before the step it follows (`dangbo.rules.discipline`);
`case_update` corrects a case as a whole.
"""

import inspect
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dangbo.core import audit, records
from dangbo.core.errors import InputError, Problem
from dangbo.discipline.facts import as_case
from dangbo.discipline.models import DisciplineCase, SubjectKind
from dangbo.discipline.permissions import case_policy
from dangbo.discipline.validation import problems_from_codes
from dangbo.org.policy import ADD, CHANGE
from dangbo.org.validation import check_code
from dangbo.people.selectors import held_post_on
from dangbo.rules import discipline as rules
from dangbo.rules.discipline import validate_case

CASE_FIELDS = (
    "subject_kind",
    "person",
    "unit",
    "violation_date",
    "form",
    "category",
    "ideological_work_date",
    "ideological_work_note",
    "decided_date",
    "decided_by",
    "announced_date",
    "complaint_date",
    "complaint_resolved_date",
    "complaint_outcome",
    "summary",
)
TEXT_FIELDS = (
    "form",
    "ideological_work_note",
    "decided_by",
    "complaint_outcome",
    "summary",
    "category",
)


#: What opens a case (the ideological-work step): no decision, announcement or complaint yet.
OPEN_FIELDS = (
    "subject_kind",
    "person",
    "unit",
    "violation_date",
    "category",
    "ideological_work_date",
    "ideological_work_note",
    "summary",
)


def check(case: DisciplineCase) -> list[Problem]:
    """Every rule of bad input for a case (RULES §4), with messages on fields."""
    person = case.person
    decided = case.decided_date
    codes = validate_case(
        as_case(case),
        person_official_date=person.party_official_date if person else None,
        person_held_post_on_decision=bool(person and decided and held_post_on(person, decided)),
    )
    return problems_from_codes(codes)


def _normalized(values: dict) -> dict:
    values = {k: values.get(k) for k in CASE_FIELDS}
    for key in TEXT_FIELDS:
        values[key] = values[key] or ""
    values["category"] = values["category"] or "ordinary"
    if values["subject_kind"] == SubjectKind.PERSON and values["person"] and not values["unit"]:
        values["unit"] = values["person"].unit
    return values


@transaction.atomic
def case_record(*, actor, code: str, source: str = audit.SOURCE_SCREEN, **values) -> DisciplineCase:
    values = _normalized(values)
    problems = check_code(code)
    if values["unit"] is None:
        problems.append(Problem("unit", _("Give the unit the case belongs to.")))
        raise InputError(problems)
    case_policy.require(actor, ADD, values["unit"])
    if DisciplineCase.objects.filter(code=code).exists():
        problems.append(Problem("code", _("Another case already has this code."), code))
    case = DisciplineCase(code=code, **values)
    problems += check(case)
    if problems:
        raise InputError(problems)
    return records.create(case, actor=actor, source=source)


@transaction.atomic
def case_update(
    *,
    actor,
    case: DisciplineCase,
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
    **values,
) -> DisciplineCase:
    """Correct a case or record its complaint and outcome; the code stays."""
    current = DisciplineCase.objects.select_for_update().get(pk=case.pk)
    case_policy.require(actor, CHANGE, current.unit)
    merged = _normalized({k: values.get(k, getattr(current, k)) for k in CASE_FIELDS})
    if merged["unit"] != current.unit:
        case_policy.require(actor, CHANGE, merged["unit"])
    proposed = DisciplineCase(pk=current.pk, code=current.code, **merged)
    problems = check(proposed)
    if problems:
        raise InputError(problems)
    return records.update(
        current, merged, actor=actor, source=source, expected_version=expected_version
    )


@transaction.atomic
def case_open(*, actor, code: str, source: str = audit.SOURCE_SCREEN, **values) -> DisciplineCase:
    """Open a case at the ideological-work step: subject, violation, the talk with the person;
    the decision comes later (`case_decide`)."""
    opened = {k: values.get(k) for k in OPEN_FIELDS}
    return case_record(actor=actor, code=code, source=source, **opened)


def _step(
    *,
    actor,
    case: DisciplineCase,
    step: str,
    day: date,
    changes: dict,
    expected_version: str | None,
    source: str,
) -> DisciplineCase:
    """Record one step of `case`: in order, dated after the step before, then every rule."""
    current = DisciplineCase.objects.select_for_update().get(pk=case.pk)
    case_policy.require(actor, CHANGE, current.unit)
    audit.ensure_unchanged(current, expected_version)
    date_field = rules.STEP_DATES[step]
    if day is None:
        raise InputError([Problem(date_field, pgettext("discipline", "Give the date."))])
    codes = rules.step_problems(
        as_case(current),
        step,
        day,
        today=timezone.localdate(),
        ideological_work_date=current.ideological_work_date,
    )
    problems = [
        Problem(p.field or ("" if code == "step_out_of_order" else date_field), p.message)
        for code, p in zip(codes, problems_from_codes(codes), strict=True)
    ]
    if problems:
        raise InputError(problems)
    merged = _normalized({k: getattr(current, k) for k in CASE_FIELDS} | changes)
    problems = check(DisciplineCase(pk=current.pk, code=current.code, **merged))
    if problems:
        raise InputError(problems)
    return records.update(
        current, changes, actor=actor, source=source, expected_version=expected_version
    )


def _step_service(name: str, step: str, fields: tuple[str, ...], optional=(), doc=""):
    """The service recording `step` (keyword-only, atomic, audited through `_step`): its
    date (rules.STEP_DATES) and the other `fields` of its form, texts stored "" when blank.
    A field not in `optional` must be given, as in a signature of its own."""
    day_field = rules.STEP_DATES[step]
    keyword = inspect.Parameter.KEYWORD_ONLY
    required = inspect.Parameter.empty
    signature = inspect.Signature(
        [
            inspect.Parameter("actor", keyword),
            inspect.Parameter("case", keyword, annotation=DisciplineCase),
            *(
                inspect.Parameter(f, keyword, default="" if f in optional else required)
                for f in fields
            ),
            inspect.Parameter("expected_version", keyword, default=None),
            inspect.Parameter("source", keyword, default=audit.SOURCE_SCREEN),
        ],
        return_annotation=DisciplineCase,
    )

    @transaction.atomic
    def service(*args, **kwargs) -> DisciplineCase:
        given = signature.bind(*args, **kwargs)  # TypeError as a plain signature would raise
        given.apply_defaults()
        values = given.arguments
        changes = {f: values[f] if f == day_field else values[f] or "" for f in fields}
        return _step(
            actor=values["actor"],
            case=values["case"],
            step=step,
            day=values[day_field],
            changes=changes,
            expected_version=values["expected_version"],
            source=values["source"],
        )

    service.__name__ = service.__qualname__ = name
    service.__doc__ = doc
    service.__signature__ = signature
    service.step, service.fields = step, fields
    return service


case_decide = _step_service(
    "case_decide",
    rules.DECIDED,
    ("form", "decided_date", "decided_by"),
    optional=("decided_by",),
    doc="Record the decision: its form, date and deciding body (after the ideological work).",
)
case_announce = _step_service(
    "case_announce",
    rules.ANNOUNCED,
    ("announced_date",),
    doc="Record the announcement of the decision: from it the decision is in force.",
)
case_complaint_file = _step_service(
    "case_complaint_file",
    rules.COMPLAINT_FILED,
    ("complaint_date",),
    doc="Record a complaint about the announced decision (late after a month: a finding).",
)
case_complaint_resolve = _step_service(
    "case_complaint_resolve",
    rules.COMPLAINT_RESOLVED,
    ("complaint_resolved_date", "complaint_outcome"),
    doc="Record the resolution of the complaint and its outcome (upheld, annulled, changed).",
)


#: Each step recorded on the screens: its service and the fields of its form.
STEP_SERVICES = {
    service.step: (service, service.fields)
    for service in (case_decide, case_announce, case_complaint_file, case_complaint_resolve)
}
