"""Writes to ratings, rating groups and the stages of a year's round (RULES §5).

A round goes draft → submitted (by the office that keeps ratings) → approved, or sent back
to draft with a reason, by the standing committee. Each step is audited and checks the
version of the round the user saw. Approving while a quota finding stands is refused unless
the standing committee overrides it with a written reason, kept on the round and audited.
A submitted or an approved round closes its ratings to changes, on screens and imports.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core import audit, records
from dangbo.core.errors import InputError, Problem
from dangbo.org.models import Unit
from dangbo.org.policy import ADD, CHANGE, DECIDE
from dangbo.people.models import Person
from dangbo.ratings import selectors
from dangbo.ratings.models import Level, Rating, RatingGroup, RatingRound, RoundStatus, SubjectKind
from dangbo.ratings.permissions import group_policy, rating_policy, round_policy
from dangbo.ratings.selectors import BLOCKING, CLOSING


def check_rating(level: str, score) -> list[Problem]:
    problems = []
    if level not in Level.values:
        problems.append(Problem("level", _("Unknown level."), level))
    if score is not None and not (0 <= Decimal(score) <= 100):
        problems.append(Problem("score", _("The score must be between 0 and 100."), str(score)))
    return problems


@transaction.atomic
def rating_record(
    *,
    actor,
    year: int,
    group: str,
    level: str,
    person: Person | None = None,
    unit: Unit | None = None,
    score=None,
    source: str = audit.SOURCE_SCREEN,
) -> Rating:
    """Rate a person (placed in their unit) or a unit for a year, once a year."""
    kind = SubjectKind.PERSON if person else SubjectKind.UNIT
    unit = person.unit if person else unit
    if unit is None:
        raise InputError([Problem("unit", _("Give the unit rated, or the person's unit."))])
    rating_policy.require(actor, ADD, unit)
    problems = check_rating(level, score) + check_group(group)
    twice = Rating.objects.filter(year=year, subject_kind=kind)
    twice = twice.filter(person=person) if person else twice.filter(unit=unit)
    if twice.exists():
        problems.append(Problem("year", _("This subject is already rated for this year.")))
    problems += closed_problems(year, unit, "year")
    if problems:
        raise InputError(problems)
    rating = Rating(
        year=year,
        subject_kind=kind,
        person=person,
        unit=unit,
        group=group.strip(),
        level=level,
        score=Decimal(score) if score is not None else None,
    )
    return records.create(rating, actor=actor, source=source)


@transaction.atomic
def rating_update(
    *,
    actor,
    rating: Rating,
    group: str,
    level: str,
    score=None,
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> Rating:
    """Correct a rating's group, level or score while its year is not approved."""
    current = Rating.objects.select_for_update().select_related("unit").get(pk=rating.pk)
    rating_policy.require(actor, CHANGE, current.unit)
    problems = check_rating(level, score) + check_group(group)
    problems += closed_problems(current.year, current.unit, "level")
    if problems:
        raise InputError(problems)
    changes = {
        "group": group.strip(),
        "level": level,
        "score": Decimal(score) if score is not None else None,
    }
    return records.update(
        current, changes, actor=actor, source=source, expected_version=expected_version
    )


def check_group(group: str) -> list[Problem]:
    """The group must be one of the kept list (its code; the list names it)."""
    code = (group or "").strip()
    if not code:
        return [Problem("group", _("Give the group (subjects with similar duties)."))]
    if not RatingGroup.objects.filter(code=code).exists():
        return [
            Problem(
                "group",
                _("Unknown rating group; pick one of the kept list (Rating groups)."),
                code,
            )
        ]
    return []


# --- what closes a year's ratings ------------------------------------------------------------


def closing_rounds(year: int) -> list[tuple[str, str]]:
    """(unit path, status) of the rounds of `year` that close their subtrees to edits: the
    submitted ones and the approved ones."""
    return list(
        RatingRound.objects.filter(year=year, status__in=CLOSING).values_list(
            "unit__path", "status"
        )
    )


def closing_status(year: int, path: str, closed: list[tuple[str, str]] | None = None):
    """The status of a round of `year` that covers the unit at `path` and closes it
    (approved before submitted), or None: the screens and the import ask this one question,
    so a closed round closes its ratings at every door."""
    closed = closing_rounds(year) if closed is None else closed
    found = {status for prefix, status in closed if path.startswith(prefix)}
    if RoundStatus.APPROVED in found:
        return RoundStatus.APPROVED
    return RoundStatus.SUBMITTED if found else None


def closed_message(status: str, year: int) -> str:
    if status == RoundStatus.APPROVED:
        return _(
            "The ratings of %(year)d for this unit were approved by the standing committee; "
            "they can no longer be changed."
        ) % {"year": year}
    return _(
        "The ratings of %(year)d for this unit are submitted for approval; they can be "
        "changed again only if the standing committee sends the round back."
    ) % {"year": year}


def closed_problems(year: int, unit: Unit, field: str) -> list[Problem]:
    status = closing_status(year, unit.path)
    return [Problem(field, closed_message(status, year))] if status else []


def round_approved_over(year: int, path: str) -> bool:
    """Does an approved round of `year` cover the unit at `path`?"""
    return closing_status(year, path) == RoundStatus.APPROVED


# --- the round's stages ----------------------------------------------------------------------


def _who(actor):
    return actor if getattr(actor, "pk", None) else None


def _locked(round_: RatingRound) -> RatingRound:
    return RatingRound.objects.select_for_update().select_related("unit").get(pk=round_.pk)


@transaction.atomic
def round_open(*, actor, year: int, unit: Unit, source: str = audit.SOURCE_SCREEN) -> RatingRound:
    """Open the year's round of `unit`'s subtree as a draft (the office that keeps ratings)."""
    round_policy.require(actor, ADD, unit)
    if RatingRound.objects.filter(year=year, unit=unit).exists():
        raise InputError([Problem("year", _("This committee has a round for this year already."))])
    return records.create(RatingRound(year=year, unit=unit), actor=actor, source=source)


@transaction.atomic
def round_submit(
    *,
    actor,
    round_: RatingRound,
    expected_version: str | None = None,
    source: str = audit.SOURCE_SCREEN,
) -> RatingRound:
    """Submit a draft round for approval; its ratings are closed to edits from then on."""
    current = _locked(round_)
    round_policy.require(
        actor, CHANGE, current.unit, _("Only the organization office submits the ratings.")
    )
    if current.status != RoundStatus.DRAFT:
        raise InputError([Problem("status", _("Only a draft round can be submitted."))])
    changes = {
        "status": RoundStatus.SUBMITTED,
        "submitted_by": _who(actor),
        "submitted_at": timezone.now(),
    }
    return records.update(
        current, changes, actor=actor, source=source, expected_version=expected_version
    )


def _require_decider(actor, round_: RatingRound) -> None:
    round_policy.require(
        actor,
        DECIDE,
        round_.unit,
        _("Only the standing committee of this unit approves its ratings."),
    )


@transaction.atomic
def round_approve(
    *,
    actor,
    round_: RatingRound,
    override_reason: str = "",
    expected_version: str | None = None,
    source: str = audit.SOURCE_SCREEN,
) -> RatingRound:
    """Approve a submitted round (Ban Thường vụ): its ratings stay closed for good."""
    current = _locked(round_)
    _require_decider(actor, current)
    if current.status != RoundStatus.SUBMITTED:
        message = (
            _("This round is approved already.")
            if current.status == RoundStatus.APPROVED
            else _("Only a round submitted for approval can be approved.")
        )
        raise InputError([Problem("status", message)])
    audit.ensure_unchanged(current, expected_version)
    findings = selectors.round_findings(user=actor, year=current.year, unit=current.unit)
    blocking = [f for f in findings if f["finding"] in BLOCKING]
    now = timezone.now()
    changes = {"status": RoundStatus.APPROVED, "approved_by": _who(actor), "approved_at": now}
    if blocking:
        if not override_reason.strip():
            names = selectors.group_names()
            groups = ", ".join(sorted({names.get(f["group"], f["group"]) for f in blocking}))
            raise InputError(
                [
                    Problem(
                        "override_reason",
                        _(
                            "More units or persons are rated excellent than the quota allows "
                            "(%(quota)s) in: %(groups)s. Send the round back to correct the "
                            "ratings, or approve with a written reason."
                        )
                        % {"quota": selectors.quota_words(current.year), "groups": groups},
                    )
                ]
            )
        changes.update(
            override_reason=override_reason.strip(), override_by=_who(actor), override_at=now
        )
    return records.update(
        current, changes, actor=actor, source=source, expected_version=expected_version
    )


@transaction.atomic
def round_send_back(
    *,
    actor,
    round_: RatingRound,
    reason: str,
    expected_version: str | None = None,
    source: str = audit.SOURCE_SCREEN,
) -> RatingRound:
    """Send a submitted round back to draft with a reason: its ratings open to corrections."""
    current = _locked(round_)
    _require_decider(actor, current)
    if current.status != RoundStatus.SUBMITTED:
        raise InputError(
            [Problem("status", _("Only a round submitted for approval can be sent back."))]
        )
    if not (reason or "").strip():
        raise InputError(
            [Problem("reason", _("Write why the round is sent back, for the office to act on."))]
        )
    changes = {
        "status": RoundStatus.DRAFT,
        "returned_reason": reason.strip(),
        "submitted_by": None,
        "submitted_at": None,
    }
    return records.update(
        current, changes, actor=actor, source=source, expected_version=expected_version
    )


# --- the kept list of groups -----------------------------------------------------------------


def _check_group_fields(name: str, valid_from, valid_to) -> list[Problem]:
    problems = []
    if not (name or "").strip():
        problems.append(Problem("name", _("Give the group's name.")))
    if valid_from and valid_to and valid_to < valid_from:
        problems.append(Problem("valid_to", _("The last year is before the first year.")))
    return problems


@transaction.atomic
def group_record(
    *, actor, code: str, name: str, valid_from=None, valid_to=None, source=audit.SOURCE_SCREEN
) -> RatingGroup:
    group_policy.require(actor, ADD, None, _("Only the organization office keeps the groups."))
    problems = _check_group_fields(name, valid_from, valid_to)
    if RatingGroup.objects.filter(code=code).exists():
        problems.append(Problem("code", _("A group with this code exists already."), code))
    if problems:
        raise InputError(problems)
    group = RatingGroup(code=code, name=name.strip(), valid_from=valid_from, valid_to=valid_to)
    return records.create(group, actor=actor, source=source)


@transaction.atomic
def group_update(
    *,
    actor,
    group: RatingGroup,
    name: str,
    valid_from=None,
    valid_to=None,
    expected_version: str | None = None,
    source=audit.SOURCE_SCREEN,
) -> RatingGroup:
    """Rename a group or change the years it is offered in (its code stays: ratings keep it)."""
    current = RatingGroup.objects.select_for_update().get(pk=group.pk)
    group_policy.require(actor, CHANGE, None, _("Only the organization office keeps the groups."))
    problems = _check_group_fields(name, valid_from, valid_to)
    if problems:
        raise InputError(problems)
    changes = {"name": name.strip(), "valid_from": valid_from, "valid_to": valid_to}
    return records.update(
        current, changes, actor=actor, source=source, expected_version=expected_version
    )
