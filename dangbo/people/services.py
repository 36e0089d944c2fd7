"""Writes to people and posts. Atomic, audited; a post is ended, never overwritten."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core import audit
from dangbo.core.errors import InputError, Problem
from dangbo.org.models import Unit
from dangbo.org.policy import ADD, CHANGE
from dangbo.org.validation import check_code
from dangbo.people import validation
from dangbo.people.models import Person, Position
from dangbo.people.permissions import person_policy, position_policy

PERSON_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "hometown",
    "party_join_date",
    "party_official_date",
    "unit",
)


TEXT_FIELDS = ("ethnicity", "hometown")


def _normalized(values: dict) -> dict:
    """Text fields hold "" for nothing, so an unchanged blank never shows as a change."""
    return {k: (v or "") if k in TEXT_FIELDS else v for k, v in values.items()}


def _check_person(values: dict) -> list[Problem]:
    problems = validation.check_gender(values["gender"])
    if not (values.get("full_name") or "").strip():
        problems.append(Problem("full_name", _("The full name is required.")))
    problems += validation.check_person_dates(
        values.get("birth_date"),
        values.get("party_join_date"),
        values.get("party_official_date"),
        timezone.localdate(),
    )
    return problems


@transaction.atomic
def person_create(*, actor, code: str, source: str = audit.SOURCE_SCREEN, **values) -> Person:
    person_policy.require(actor, ADD, values.get("unit"))
    problems = check_code(code) + _check_person(values)
    if Person.objects.filter(code=code).exists():
        problems.append(Problem("code", _("Another person already has this code."), code))
    if problems:
        raise InputError(problems)
    person = Person(code=code, **_normalized({k: values.get(k) for k in PERSON_FIELDS}))
    person.save()
    audit.record(
        person, audit.CREATE, actor=actor, before=None, after=audit.snapshot(person), source=source
    )
    return person


@transaction.atomic
def person_update(
    *,
    actor,
    person: Person,
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
    **values,
) -> Person:
    """Correct a person's record; the code is their identity and does not change."""
    # Lock the person row only: the unit is a nullable (outer) join, which PostgreSQL
    # refuses to lock.
    current = (
        Person.objects.select_for_update(of=("self",)).select_related("unit").get(pk=person.pk)
    )
    audit.ensure_unchanged(current, expected_version)
    person_policy.require(actor, CHANGE, current.unit)
    if values.get("unit") is not None:
        person_policy.require(actor, CHANGE, values["unit"])
    merged = {k: values.get(k, getattr(current, k)) for k in PERSON_FIELDS}
    problems = _check_person(merged)
    if problems:
        raise InputError(problems)
    before = audit.snapshot(current)
    for key, value in _normalized(merged).items():
        setattr(current, key, value)
    current.save()
    after = audit.snapshot(current)
    if before != after:
        audit.record(current, audit.UPDATE, actor=actor, before=before, after=after, source=source)
    return current


@transaction.atomic
def position_create(
    *,
    actor,
    person: Person,
    unit: Unit,
    role: str,
    start_date: date,
    title: str = "",
    end_date: date | None = None,
    source: str = audit.SOURCE_SCREEN,
) -> Position:
    position_policy.require(actor, ADD, unit)
    problems = validation.check_role(role)
    problems += validation.check_position_dates(
        start_date, end_date, unit.valid_from, unit.valid_to, unit.name
    )
    if Position.objects.filter(person=person, unit=unit, role=role, start_date=start_date).exists():
        problems.append(
            Problem("start_date", _("This person already has this post from this date."))
        )
    if problems:
        raise InputError(problems)
    post = Position.objects.create(
        person=person, unit=unit, role=role, title=title, start_date=start_date, end_date=end_date
    )
    audit.record(
        post, audit.CREATE, actor=actor, before=None, after=audit.snapshot(post), source=source
    )
    return post


@transaction.atomic
def position_end(
    *,
    actor,
    position: Position,
    end_date: date,
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> Position:
    """End a post. Its unit, role and start stay as they were: a change is a new post."""
    current = Position.objects.select_for_update().select_related("unit").get(pk=position.pk)
    audit.ensure_unchanged(current, expected_version)
    position_policy.require(actor, CHANGE, current.unit)
    if current.end_date is not None and current.end_date != end_date:
        raise InputError(
            [Problem("end_date", _("This post has already ended; record a new post instead."))]
        )
    problems = validation.check_position_dates(
        current.start_date,
        end_date,
        current.unit.valid_from,
        current.unit.valid_to,
        current.unit.name,
    )
    if problems:
        raise InputError(problems)
    before = audit.snapshot(current)
    current.end_date = end_date
    current.save(update_fields=["end_date"])
    audit.record(
        current, audit.END, actor=actor, before=before, after=audit.snapshot(current), source=source
    )
    return current
