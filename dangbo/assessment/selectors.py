"""Reads of surveys and help, through the user's scope (the unit helped, or the helper)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from dangbo.assessment.models import (
    Assessment,
    Assistance,
    AssistanceProgress,
    HelperRole,
    Level,
)
from dangbo.org import scope
from dangbo.org.models import Unit
from dangbo.ratings.models import SubjectKind
from dangbo.ratings.selectors import rating_list_visible_to
from dangbo.rules import assistance as rules


def assessment_list_visible_to(*, user) -> QuerySet[Assessment]:
    return scope.filter_by_unit_path(Assessment.objects.select_related("unit"), user, "unit")


def assistance_list_visible_to(*, user) -> QuerySet[Assistance]:
    """A helper body sees the units assigned to it; an office sees help given in its tree."""
    assistance = Assistance.objects.select_related("unit", "helper")
    return scope.filter_by_unit_path(assistance, user, "unit", "helper")


def progress_list_visible_to(*, user) -> QuerySet[AssistanceProgress]:
    """Progress notes of the help the user sees."""
    return AssistanceProgress.objects.filter(
        assistance__in=assistance_list_visible_to(user=user).values("pk")
    ).select_related("assistance", "assistance__unit", "assistance__helper")


def assessment_page(*, user, assessment: Assessment) -> dict:
    """A survey's page: the day by which a weak unit must have its lead helper (RULES §3),
    the help given to the unit that the user sees and, for a weak unit, the rule's findings.
    The findings count every helper of the unit, seen or not: the rule is about the unit."""
    page = {
        "deadline": rules.deadline(assessment.year),
        "helpers": assistance_list_visible_to(user=user)
        .filter(unit=assessment.unit)
        .order_by("start_date"),
    }
    if assessment.level == Level.WEAK:
        from dangbo.assessment.labels import FINDING_LABELS

        facts = [
            rules.Helper(
                unit_code=assessment.unit.code,
                helper_code=h.helper.code,
                role=h.role,
                start=h.start_date,
                end=h.end_date,
            )
            for h in Assistance.objects.filter(unit=assessment.unit).select_related("helper")
        ]
        findings = rules.assistance_findings([assessment.unit.code], facts, assessment.year)
        page["findings"] = [
            {**f, "label": FINDING_LABELS.get(f["finding"], f["finding"])} for f in findings
        ]
        page["rule"] = rules.RULE
    return page


def assistance_page(*, user, assistance: Assistance) -> dict:
    """A help's page: its yearly progress notes, and the helped unit's ratings the user sees
    in the years since the help began (how the help is judged)."""
    return {
        "notes": assistance.progress.order_by("year"),
        "ratings": rating_list_visible_to(user=user)
        .filter(
            subject_kind=SubjectKind.UNIT,
            unit=assistance.unit,
            year__gte=assistance.start_date.year,
        )
        .order_by("year"),
    }


# --- the weak-units board (bảng theo dõi đơn vị yếu) ----------------------------------------


@dataclass
class WeakUnitCard:
    """One weak unit of a survey year: who helps it, how, and how it fared in later years."""

    assessment: Assessment
    lead: list[Assistance] = field(default_factory=list)
    support: list[Assistance] = field(default_factory=list)
    # (year, [(assistance, note)]) in year order: every helper's note of that year.
    progress: list[tuple[int, list[AssistanceProgress]]] = field(default_factory=list)
    later_ratings: list = field(default_factory=list)
    later_assessments: list[Assessment] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    @property
    def unit(self) -> Unit:
        return self.assessment.unit

    @property
    def outcome(self) -> list[tuple[int, object, Assessment | None]]:
        """(year, rating or None, survey or None) for each later year with either."""
        ratings = {r.year: r for r in self.later_ratings}
        surveys = {a.year: a for a in self.later_assessments}
        return [(y, ratings.get(y), surveys.get(y)) for y in sorted({*ratings, *surveys})]

    @property
    def plan(self) -> str:
        """The help plan of the lead body (the supporting bodies' plans are on their help)."""
        return next((a.plan for a in self.lead if a.plan), "")


def survey_years_with_weak_units(*, user) -> list[int]:
    """The survey years in which the user's scope holds a weak unit, latest first."""
    years = (
        assessment_list_visible_to(user=user)
        .filter(level=Level.WEAK)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return list(years)


def weak_unit_board(*, user, year: int) -> list[WeakUnitCard]:
    """Each unit the user sees assessed weak in `year`, with its lead and supporting bodies,
    their yearly progress notes, its ratings and surveys of the years after, and the finding
    of RULES §3 (one lead helper active on 31 March of the next year).

    A fixed number of queries whatever the number of units (five).
    """
    weak = list(
        assessment_list_visible_to(user=user)
        .filter(year=year, level=Level.WEAK)
        .order_by("unit__name", "unit__code")
    )
    if not weak:
        return []
    units = [a.unit_id for a in weak]
    helps = list(
        assistance_list_visible_to(user=user)
        .filter(unit_id__in=units)
        .order_by("start_date", "helper__name")
        .prefetch_related(
            Prefetch("progress", queryset=AssistanceProgress.objects.order_by("year"))
        )
    )
    ratings = (
        rating_list_visible_to(user=user)
        .filter(subject_kind=SubjectKind.UNIT, unit_id__in=units, year__gt=year)
        .order_by("year")
    )
    later = (
        assessment_list_visible_to(user=user)
        .filter(unit_id__in=units, year__gt=year)
        .order_by("year")
    )
    cards = {a.unit_id: WeakUnitCard(assessment=a) for a in weak}
    for help_ in helps:
        card = cards[help_.unit_id]
        (card.lead if help_.role == HelperRole.LEAD else card.support).append(help_)
    for rating in ratings:
        cards[rating.unit_id].later_ratings.append(rating)
    for assessment in later:
        cards[assessment.unit_id].later_assessments.append(assessment)
    facts = [
        rules.Helper(
            unit_code=h.unit.code,
            helper_code=h.helper.code,
            role=h.role,
            start=h.start_date,
            end=h.end_date,
        )
        for h in helps
    ]
    codes = {a.unit.code: a.unit_id for a in weak}
    for finding in rules.assistance_findings(list(codes), facts, year):
        cards[codes[finding["unit_code"]]].findings.append(finding["finding"])
    for card in cards.values():
        by_year: dict[int, list[AssistanceProgress]] = {}
        for help_ in (*card.lead, *card.support):
            for note in help_.progress.all():
                note.assistance = help_  # already read: the template names its helper
                by_year.setdefault(note.year, []).append(note)
        card.progress = sorted(by_year.items())
    return list(cards.values())


def helps_noted_by(*, user, unit) -> QuerySet[Assistance]:
    """The help given to `unit` whose progress the user records as the helper body itself
    (latest first): the buttons on the unit's page."""
    from dangbo.org.policy import HELPERS

    helps = assistance_list_visible_to(user=user).filter(unit=unit)
    paths = scope.write_paths(user, HELPERS)
    if paths is not None:
        helps = helps.filter(scope.unit_condition(paths, "helper"))
    return helps.order_by("-start_date", "pk")
