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
from dangbo.discipline.models import (
    DisciplineCase,
    ListPeriod,
    ListStatus,
    PublishedList,
    SubjectKind,
    period_days,
)
from dangbo.discipline.permissions import case_policy, list_policy
from dangbo.discipline.selectors import list_changes, list_rows
from dangbo.discipline.validation import problems_from_codes
from dangbo.org.models import path_ids
from dangbo.org.policy import ADD, CHANGE, DECIDE
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
    created = records.create(case, actor=actor, source=source)
    published_lists_follow(actor=actor, case=created, source=source)
    return created


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
    before = (current.unit, current.announced_date)
    updated = records.update(
        current, merged, actor=actor, source=source, expected_version=expected_version
    )
    published_lists_follow(actor=actor, case=updated, before=before, source=source)
    return updated


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
    before = (current.unit, current.announced_date)
    updated = records.update(
        current, changes, actor=actor, source=source, expected_version=expected_version
    )
    published_lists_follow(actor=actor, case=updated, before=before, source=source)
    return updated


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


# --- the published lists (RULES §4) ---------------------------------------------------------

#: Who publishes a list as a page: callables `(published_list=, actor=) -> page`, registered
#: by the portal (`dangbo.portal.lists`), so that the records do not depend on the portal.
LIST_PUBLISHERS: list = []


def register_list_publisher(publisher) -> None:
    if publisher not in LIST_PUBLISHERS:
        LIST_PUBLISHERS.append(publisher)


def _publish_page(published_list: PublishedList, actor):
    if not LIST_PUBLISHERS:
        raise InputError([Problem("", _("No public sub-site is installed to publish on."))])
    page = None
    for publisher in LIST_PUBLISHERS:
        page = publisher(published_list=published_list, actor=actor)
    return page


def _locked_list(published_list: PublishedList) -> PublishedList:
    return (
        PublishedList.objects.select_for_update().select_related("unit").get(pk=published_list.pk)
    )


def _fresh_rows(published_list: PublishedList) -> list[dict]:
    return list_rows(
        unit=published_list.unit,
        first_day=published_list.first_day,
        last_day=published_list.last_day,
    )


def _require_fresh(published_list: PublishedList) -> None:
    if _fresh_rows(published_list) != published_list.rows:
        raise InputError(
            [
                Problem(
                    "rows",
                    _(
                        "The cases changed since this list was generated: generate it again "
                        "and check it before approving or publishing it."
                    ),
                )
            ]
        )


@transaction.atomic
def published_list_generate(
    *,
    actor,
    unit,
    year: int,
    period: str,
    expected_version: str | None = None,
    source: str = audit.SOURCE_SCREEN,
) -> PublishedList:
    """Generate the draft list of `unit`'s tree for a period from the cases (or generate a
    draft or approved list again: it goes back to draft). A published list is not generated
    again: it follows its cases (`published_lists_follow`)."""
    list_policy.require(
        actor, ADD, unit, _("Only the inspection commission of this committee keeps its lists.")
    )
    if period not in ListPeriod.values:
        raise InputError([Problem("period", _("Choose a period: a half-year or the year."))])
    first, last = period_days(year, period)
    if (unit.valid_to and first > unit.valid_to) or (unit.valid_from and last < unit.valid_from):
        raise InputError(
            [Problem("year", _("The committee did not exist in this period."), str(year))]
        )
    existing = (
        PublishedList.objects.select_for_update()
        .filter(unit=unit, year=year, period=period)
        .first()
    )
    now = timezone.now()
    if existing is None:
        draft = PublishedList(unit=unit, year=year, period=period, generated_at=now)
        draft.rows = _fresh_rows(draft)
        return records.create(draft, actor=actor, source=source)
    if existing.status == ListStatus.PUBLISHED:
        raise InputError(
            [
                Problem(
                    "status",
                    _(
                        "This list is published: a correction of one of its cases corrects "
                        "it, with a new revision of its page."
                    ),
                )
            ]
        )
    list_policy.require(actor, CHANGE, existing.unit)
    changes = {
        "rows": _fresh_rows(existing),
        "generated_at": now,
        "status": ListStatus.DRAFT,
        "approved_by": None,
        "approved_at": None,
    }
    return records.update(
        existing, changes, actor=actor, source=source, expected_version=expected_version
    )


@transaction.atomic
def published_list_approve(
    *,
    actor,
    published_list: PublishedList,
    expected_version: str | None = None,
    source: str = audit.SOURCE_SCREEN,
) -> PublishedList:
    """Approve a draft list (the committee's inspection commission), as the approver saw
    it: refused when it changed since, or when the cases no longer give these rows."""
    current = _locked_list(published_list)
    list_policy.require(
        actor,
        DECIDE,
        current.unit,
        _("Only the inspection commission of this committee approves its lists."),
    )
    if current.status != ListStatus.DRAFT:
        raise InputError([Problem("status", _("Only a draft list can be approved."))])
    audit.ensure_unchanged(current, expected_version)
    _require_fresh(current)
    changes = {
        "status": ListStatus.APPROVED,
        "approved_by": actor if getattr(actor, "pk", None) else None,
        "approved_at": timezone.now(),
    }
    return records.update(current, changes, actor=actor, source=source)


@transaction.atomic
def published_list_publish(
    *,
    actor,
    published_list: PublishedList,
    expected_version: str | None = None,
    source: str = audit.SOURCE_SCREEN,
) -> PublishedList:
    """Publish an approved list as a page of its committee's sub-site (a Wagtail revision,
    published at once)."""
    current = _locked_list(published_list)
    list_policy.require(
        actor,
        CHANGE,
        current.unit,
        _("Only the inspection commission of this committee publishes its lists."),
    )
    if current.status != ListStatus.APPROVED:
        raise InputError([Problem("status", _("Only an approved list can be published."))])
    audit.ensure_unchanged(current, expected_version)
    _require_fresh(current)
    page = _publish_page(current, actor)
    changes = {"status": ListStatus.PUBLISHED, "published_at": timezone.now(), "page": page}
    return records.update(current, changes, actor=actor, source=source)


def published_lists_follow(
    *, actor, case: DisciplineCase, before: tuple = (), source: str = audit.SOURCE_SCREEN
) -> list[PublishedList]:
    """Correct the published lists a case is (or was) in after the case changed: each list
    whose rows the cases now give differently gets the new rows, a correction dated today
    with what changed, and a new revision of its page. Called by the case services in their
    transaction; `before` is the case's (unit, announced_date) before the change."""
    units = [case.unit, *(before[:1] if before else [])]
    days = {d for d in (case.announced_date, *(before[1:2] if before else ())) if d}
    if not days:
        return []
    committees = {pk for unit in units if unit is not None for pk in path_ids(unit.path)}
    candidates = (
        PublishedList.objects.select_for_update()
        .select_related("unit")
        .filter(
            status=ListStatus.PUBLISHED, unit_id__in=committees, year__in={d.year for d in days}
        )
        .order_by("pk")
    )
    corrected = []
    for current in candidates:
        if not any(current.first_day <= d <= current.last_day for d in days):
            continue
        rows = _fresh_rows(current)
        if rows == current.rows:
            continue
        changes = list_changes(current.rows, rows)
        today = timezone.localdate().isoformat()
        corrections = [*current.corrections, {"on": today, "changes": changes}]
        records.update(
            current, {"rows": rows, "corrections": corrections}, actor=actor, source=source
        )
        page = _publish_page(current, actor)
        if page is not None and current.page_id != page.pk:
            PublishedList.objects.filter(pk=current.pk).update(page=page)
        corrected.append(current)
    return corrected
