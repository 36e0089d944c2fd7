"""What the rating rules need for a year, read from the stored records (RULES §5)."""

from collections import defaultdict
from datetime import date

from django.db.models import Case, CharField, Count, Q, Value, When

from dangbo.discipline.models import ComplaintOutcome, DisciplineCase
from dangbo.org.models import Unit
from dangbo.org.selectors import valid_on
from dangbo.people.models import Position, Role
from dangbo.ratings.models import Level
from dangbo.rules import ratings as rules


def findings_for(ratings, year: int) -> list[dict]:
    """The rating findings for `ratings` (Rating rows of one year).

    The database counts each group for the quota and picks the ratings a per-rating finding
    can concern; the rules decide. Reading all of a year's ratings into Python was most of
    the review's time at national size.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    # An annulled decision never stood; it neither taints a rating nor blocks excellence.
    decisions = DisciplineCase.objects.filter(
        announced_date__gte=first, announced_date__lte=last
    ).exclude(complaint_outcome=ComplaintOutcome.ANNULLED)
    person_decisions = decisions.filter(subject_kind="person")
    concerned = Q(subject_kind="person", person__in=person_decisions.values("person"))
    scored = year >= rules.FIRST_SCORED_YEAR
    bands = rules.score_bands(year)
    if scored:
        concerned |= Q(subject_kind="unit", level=Level.XUAT_SAC)
    if bands is not None:
        # Only the ratings whose level is not the band of their score can mismatch; the rule
        # checks each one it is given again.
        concerned |= Q(score__isnull=False) & ~Q(level=score_band_sql(bands))
    rows = list(
        ratings.filter(concerned).values_list(
            "subject_kind", "person__code", "unit__code", "group", "level", "score"
        )
    )
    counts = {
        (group, kind): (excellent, good)
        for group, kind, excellent, good in ratings.order_by()
        .values("group", "subject_kind")
        .annotate(
            excellent=Count("pk", filter=Q(level=Level.XUAT_SAC)),
            good=Count("pk", filter=Q(level=Level.TOT)),
        )
        .values_list("group", "subject_kind", "excellent", "good")
    }
    # The tree and the leaders matter only to `excellent_blocked`, a finding from 2025.
    excellent_units = {
        unit for kind, _p, unit, _g, level, _s in rows if kind == "unit" and level == Level.XUAT_SAC
    }
    return rules.rating_findings(
        [
            rules.Rating(
                year=year,
                subject_kind=kind,
                subject_code=person if person is not None else unit,
                group=group,
                level=level,
                score=float(score) if score is not None else None,
            )
            for kind, person, unit, group, level, score in rows
        ],
        year,
        person_decisions_in_year=set(person_decisions.values_list("person__code", flat=True)),
        unit_parent=dict(Unit.objects.filter(valid_on(last)).values_list("code", "parent__code"))
        if scored
        else {},
        units_with_decision_in_year=set(
            decisions.filter(subject_kind="unit").values_list("unit__code", flat=True)
        ),
        head_or_deputy_in_year=_leaders_during(excellent_units, first, last) if scored else {},
        group_counts=counts,
    )


def score_band_sql(bands) -> Case:
    """The level band of `score` as a SQL CASE, built from `dangbo.rules.ratings.score_bands`
    (the numbers live in dangbo.rules.versions.SCORE_BANDS only)."""
    *upper, (_lowest, bottom) = bands
    return Case(
        *(When(score__gte=low, then=Value(level)) for low, level in upper),
        default=Value(bottom),
        output_field=CharField(),
    )


def _leaders_during(unit_codes, first: date, last: date) -> dict[str, set[str]]:
    """Who held a head or deputy post in each unit (by code) at any time during the year."""
    leaders = defaultdict(set)
    posts = Position.objects.filter(
        unit__code__in=unit_codes, role__in=(Role.HEAD, Role.DEPUTY), start_date__lte=last
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
    for unit_code, person_code in posts.values_list("unit__code", "person__code"):
        leaders[unit_code].add(person_code)
    return leaders
