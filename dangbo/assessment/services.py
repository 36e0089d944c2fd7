"""Writes to surveys, helper assignments and their progress notes (RULES §3)."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from dangbo.assessment.models import Assessment, Assistance, AssistanceProgress, HelperRole
from dangbo.assessment.permissions import assessment_policy, assistance_policy, progress_policy
from dangbo.core import audit, records
from dangbo.core.errors import InputError, Problem
from dangbo.core.models import RuleSettings
from dangbo.org.models import Unit
from dangbo.org.policy import ADD, CHANGE
from dangbo.org.validation import check_period, check_within
from dangbo.rules.assistance import level_for_score


def bands() -> tuple[int, int]:
    """The survey bands of this installation (RULES §3: a setting, default 50 and 75)."""
    settings = RuleSettings.load()
    return (settings.assessment_weak_below, settings.assessment_good_from)


def check_score(score, level: str | None, bands: tuple[int, int]) -> list[Problem]:
    """A score 0–100; a level given must be the band of the score (shared with import)."""
    if score is None or not (0 <= Decimal(score) <= 100):
        return [Problem("score", _("The score must be between 0 and 100."), str(score))]
    band = level_for_score(float(score), bands)
    if level and level != band:
        return [
            Problem(
                "level",
                _("The level %(level)s does not agree with the score %(score)s (it is %(band)s).")
                % {"level": level, "score": score, "band": band},
                level,
            )
        ]
    return []


@transaction.atomic
def assessment_record(
    *, actor, year: int, unit: Unit, score, level: str = "", source: str = audit.SOURCE_SCREEN
) -> Assessment:
    """Record (or correct) a unit's survey score for a year; the level follows the score."""
    assessment_policy.require(actor, ADD, unit)
    installation_bands = bands()
    problems = check_score(score, level, installation_bands)
    if problems:
        raise InputError(problems)
    level = level_for_score(float(score), installation_bands)
    current = Assessment.objects.select_for_update().filter(year=year, unit=unit).first()
    if current:
        return records.update(
            current, {"score": Decimal(score), "level": level}, actor=actor, source=source
        )
    assessment = Assessment(year=year, unit=unit, score=Decimal(score), level=level)
    return records.create(assessment, actor=actor, source=source)


@transaction.atomic
def assistance_assign(
    *,
    actor,
    unit: Unit,
    helper: Unit,
    role: str,
    start_date: date,
    end_date: date | None = None,
    plan: str = "",
    source: str = audit.SOURCE_SCREEN,
) -> Assistance:
    """Assign a body to help a weak unit, as lead (chủ trì) or support (phối hợp)."""
    assistance_policy.require(actor, ADD, unit)
    problems = []
    if role not in HelperRole.values:
        problems.append(Problem("role", _("The role is lead or support."), role))
    if helper == unit:
        problems.append(Problem("helper", _("A unit cannot help itself.")))
    problems += check_period(start_date, end_date, "end_date")
    for who, field in ((unit, "unit"), (helper, "helper")):
        problems += check_within(
            start_date,
            end_date,
            who.valid_from,
            who.valid_to,
            what=_("The unit %(unit)s") % {"unit": who.name},
            field=field,
        )
    if Assistance.objects.filter(unit=unit, helper=helper, start_date=start_date).exists():
        problems.append(Problem("start_date", _("This helper is already assigned from this day.")))
    if problems:
        raise InputError(problems)
    assistance = Assistance(
        unit=unit, helper=helper, role=role, start_date=start_date, end_date=end_date, plan=plan
    )
    return records.create(assistance, actor=actor, source=source)


@transaction.atomic
def assistance_end(
    *,
    actor,
    assistance: Assistance,
    end_date: date,
    source: str = audit.SOURCE_SCREEN,
    expected_version: str | None = None,
) -> Assistance:
    current = Assistance.objects.select_for_update().select_related("unit").get(pk=assistance.pk)
    assistance_policy.require(actor, CHANGE, current.unit)
    problems = check_period(current.start_date, end_date, "end_date")
    return records.end(
        current,
        end_date,
        problems=problems,
        actor=actor,
        source=source,
        expected_version=expected_version,
    )


def may_note_progress(user, assistance: Assistance) -> bool:
    """The helper body itself, or the office keeping the helped unit's records."""
    return progress_policy.may_note(user, assistance)


@transaction.atomic
def progress_note(
    *, actor, assistance: Assistance, year: int, note: str, source: str = audit.SOURCE_SCREEN
) -> AssistanceProgress:
    """The helper's yearly progress on the unit it helps (one note a year, corrected in place)."""
    if not may_note_progress(actor, assistance):
        raise PermissionError(_("You may not record help for this unit."))
    if not note.strip():
        raise InputError([Problem("note", _("Write what was done."))])
    if year < assistance.start_date.year:
        raise InputError([Problem("year", _("The help began after this year."))])
    current = (
        AssistanceProgress.objects.select_for_update()
        .filter(assistance=assistance, year=year)
        .first()
    )
    if current:
        return records.update(current, {"note": note}, actor=actor, source=source)
    return records.create(
        AssistanceProgress(assistance=assistance, year=year, note=note), actor=actor, source=source
    )
