"""Writes to discipline cases: recorded, corrected, complaints filed and resolved.

Kept by the inspection commission (Ủy ban Kiểm tra) of the case's unit or above; atomic
and audited.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from dangbo.core import audit, records
from dangbo.core.errors import InputError, Problem
from dangbo.discipline.facts import as_case
from dangbo.discipline.models import DisciplineCase, SubjectKind
from dangbo.discipline.permissions import case_policy
from dangbo.discipline.validation import problems_from_codes
from dangbo.org.policy import ADD, CHANGE
from dangbo.org.validation import check_code
from dangbo.people.selectors import held_post_on
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
TEXT_FIELDS = ("ideological_work_note", "decided_by", "complaint_outcome", "summary", "category")


def check(case: DisciplineCase) -> list[Problem]:
    """Every rule of bad input for a case (RULES §4), with messages on fields."""
    person = case.person
    codes = validate_case(
        as_case(case),
        person_official_date=person.party_official_date if person else None,
        person_held_post_on_decision=bool(person and held_post_on(person, case.decided_date)),
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
