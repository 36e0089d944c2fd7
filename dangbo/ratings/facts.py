"""What the rating rules need for a year, read from the stored records (RULES §5)."""

from collections import defaultdict
from datetime import date

from django.db.models import Q

from dangbo.discipline.models import ComplaintOutcome, DisciplineCase
from dangbo.org.models import Unit
from dangbo.org.selectors import valid_on
from dangbo.people.models import Position, Role
from dangbo.ratings.models import Level, Rating
from dangbo.rules import ratings as rules


def as_rating(rating: Rating) -> rules.Rating:
    return rules.Rating(
        year=rating.year,
        subject_kind=rating.subject_kind,
        subject_code=rating.person.code if rating.person_id else rating.unit.code,
        group=rating.group,
        level=rating.level,
        score=float(rating.score) if rating.score is not None else None,
    )


def findings_for(ratings, year: int) -> list[dict]:
    """The rating findings for `ratings` (Rating rows of one year)."""
    # Plain values, not model instances: three instances a row (select_related) were most of
    # the review's time.
    rows = list(
        ratings.values_list(
            "year", "subject_kind", "person__code", "unit__code", "group", "level", "score"
        )
    )
    first, last = date(year, 1, 1), date(year, 12, 31)
    # An annulled decision never stood; it neither taints a rating nor blocks excellence.
    decisions = DisciplineCase.objects.filter(
        announced_date__gte=first, announced_date__lte=last
    ).exclude(complaint_outcome=ComplaintOutcome.ANNULLED)
    excellent_units = {
        unit
        for _y, kind, _p, unit, _g, level, _s in rows
        if kind == "unit" and level == Level.XUAT_SAC
    }
    return rules.rating_findings(
        [
            rules.Rating(
                year=y,
                subject_kind=kind,
                subject_code=person if person is not None else unit,
                group=group,
                level=level,
                score=float(score) if score is not None else None,
            )
            for y, kind, person, unit, group, level, score in rows
        ],
        year,
        person_decisions_in_year=set(
            decisions.filter(subject_kind="person").values_list("person__code", flat=True)
        ),
        unit_parent=dict(Unit.objects.filter(valid_on(last)).values_list("code", "parent__code")),
        units_with_decision_in_year=set(
            decisions.filter(subject_kind="unit").values_list("unit__code", flat=True)
        ),
        head_or_deputy_in_year=_leaders_during(excellent_units, first, last),
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
