"""Writes to ratings and the approval of a year's round (RULES §5).

Approving a round while a quota finding stands is refused unless a standing committee
member overrides it with a written reason, recorded on the round and audited.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core import audit, records
from dangbo.core.errors import InputError, Problem
from dangbo.org import scope
from dangbo.org.models import Unit
from dangbo.people.models import Person
from dangbo.ratings.facts import findings_for
from dangbo.ratings.models import Level, Rating, RatingRound, RoundStatus, SubjectKind

BLOCKING = frozenset({"quota_exceeded"})


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
    scope.require_change(actor, unit)
    problems = check_rating(level, score)
    if not group.strip():
        problems.append(Problem("group", _("Give the group (subjects with similar duties).")))
    twice = Rating.objects.filter(year=year, subject_kind=kind)
    twice = twice.filter(person=person) if person else twice.filter(unit=unit)
    if twice.exists():
        problems.append(Problem("year", _("This subject is already rated for this year.")))
    if _round_approved(year, unit):
        problems.append(Problem("year", _("The ratings of this year are approved already.")))
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
    scope.require_change(actor, current.unit)
    problems = check_rating(level, score)
    if not group.strip():
        problems.append(Problem("group", _("Give the group (subjects with similar duties).")))
    if _round_approved(current.year, current.unit):
        problems.append(Problem("level", _("The ratings of this year are approved already.")))
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


def _round_approved(year: int, unit: Unit) -> bool:
    """Is a round covering `unit` (its own or an ancestor's) approved for the year?"""
    return RatingRound.objects.filter(
        year=year, unit_id__in=unit.ancestor_ids, status=RoundStatus.APPROVED
    ).exists()


def round_findings(year: int, unit: Unit) -> list[dict]:
    ratings = Rating.objects.filter(year=year, unit__path__startswith=unit.path)
    return findings_for(ratings, year)


@transaction.atomic
def round_approve(
    *, actor, year: int, unit: Unit, override_reason: str = "", source: str = audit.SOURCE_SCREEN
) -> RatingRound:
    """Approve the year's ratings of `unit`'s subtree (Ban Thường vụ)."""
    if not scope.may_decide(actor, unit):
        raise PermissionError(_("Only the standing committee of this unit approves its ratings."))
    round_ = RatingRound.objects.select_for_update().filter(year=year, unit=unit).first()
    if round_ is None:
        round_ = records.create(RatingRound(year=year, unit=unit), actor=actor, source=source)
    if round_.status == RoundStatus.APPROVED:
        raise InputError([Problem("status", _("This round is approved already."))])
    blocking = [f for f in round_findings(year, unit) if f["finding"] in BLOCKING]
    changes = {
        "status": RoundStatus.APPROVED,
        "approved_by": actor if getattr(actor, "pk", None) else None,
        "approved_at": timezone.now(),
    }
    if blocking:
        if not override_reason.strip():
            groups = ", ".join(sorted({f["group"] for f in blocking}))
            raise InputError(
                [
                    Problem(
                        "override_reason",
                        _(
                            "More units or persons are rated excellent than the quota allows "
                            "(at most 20%% of those rated good) in: %(groups)s. Correct the "
                            "ratings, or approve with a written reason."
                        )
                        % {"groups": groups},
                    )
                ]
            )
        changes.update(
            override_reason=override_reason.strip(),
            override_by=changes["approved_by"],
            override_at=changes["approved_at"],
        )
    return records.update(round_, changes, actor=actor, source=source)
