"""Discipline cases as the pure rules see them (`dangbo.rules.discipline.Case`)."""

from collections import defaultdict

from dangbo.discipline.models import DisciplineCase
from dangbo.rules.discipline import Case


def as_case(case: DisciplineCase) -> Case:
    return Case(
        code=case.code,
        subject_kind=case.subject_kind,
        subject_code=case.person.code if case.person_id else case.unit.code,
        violation_date=case.violation_date,
        form=case.form,
        decided_date=case.decided_date,
        announced_date=case.announced_date,
        category=case.category or "ordinary",
        complaint_date=case.complaint_date,
        complaint_resolved_date=case.complaint_resolved_date,
        complaint_outcome=case.complaint_outcome or None,
    )


# The columns `case_from_row` reads: a values_list of these builds a Case without a model
# instance (three per row with select_related), which is most of a review's time at scale.
CASE_COLUMNS = (
    "code",
    "subject_kind",
    "person__code",
    "unit__code",
    "violation_date",
    "form",
    "decided_date",
    "announced_date",
    "category",
    "complaint_date",
    "complaint_resolved_date",
    "complaint_outcome",
)


def case_from_row(row) -> Case:
    """A Case from one `values_list(*CASE_COLUMNS)` row (the same values as `as_case`)."""
    code, kind, person, unit, violation, form, decided, announced, category, *complaint = row
    complaint_date, resolved, outcome = complaint
    return Case(
        code=code,
        subject_kind=kind,
        subject_code=person if person is not None else unit,
        violation_date=violation,
        form=form,
        decided_date=decided,
        announced_date=announced,
        category=category or "ordinary",
        complaint_date=complaint_date,
        complaint_resolved_date=resolved,
        complaint_outcome=outcome or None,
    )


def cases_by_subject(queryset) -> dict[tuple[str, str], list[Case]]:
    """Every stored case of the subjects in `queryset`, grouped by (kind, subject code).

    The rules need a subject's other violations (restart of limitation, expiry), which may
    lie outside the user's scope: facts come from all cases, findings only for visible ones.
    """
    # Subqueries, not lists of ids: a province's thousands of subjects make long IN lists.
    people = queryset.filter(subject_kind="person").values("person_id")
    units = queryset.filter(subject_kind="unit").values("unit_id")
    related = DisciplineCase.objects.filter(person_id__in=people) | DisciplineCase.objects.filter(
        subject_kind="unit", unit_id__in=units
    )
    grouped = defaultdict(list)
    for row in related.order_by("violation_date", "code").values_list(*CASE_COLUMNS):
        fact = case_from_row(row)
        grouped[(fact.subject_kind, fact.subject_code)].append(fact)
    return grouped
