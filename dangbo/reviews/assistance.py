"""`dangbo review assistance --year Y`: weak units without exactly one lead (RULES §3)."""

from django.db.models import FilteredRelation, Q
from django.utils.translation import gettext_lazy as _

from dangbo.assessment.labels import FINDING_LABELS
from dangbo.assessment.models import Assistance, Level
from dangbo.assessment.selectors import assessment_list_visible_to
from dangbo.core.db import plain_rows
from dangbo.reviews.registry import Column, Review, register
from dangbo.rules.assistance import LEAD, Helper, assistance_findings, deadline


def as_helper(assistance: Assistance) -> Helper:
    return Helper(
        unit_code=assistance.unit.code,
        helper_code=assistance.helper.code,
        role=assistance.role,
        start=assistance.start_date,
        end=assistance.end_date,
    )


def assistance_rows(*, user, year: int) -> list[dict]:
    weak_assessments = assessment_list_visible_to(user=user).filter(year=year, level=Level.WEAK)
    # One query: each weak unit beside the helpers that can count (LEFT JOIN, a row with no
    # helper when none). Only leads active on the deadline can count; the rule checks them
    # again, with its own parameters (LEAD, deadline()), so the pre-filter cannot drift.
    day = deadline(year)
    counted = FilteredRelation(
        "unit__helped_by",
        condition=Q(unit__helped_by__role=LEAD, unit__helped_by__start_date__lte=day)
        & (Q(unit__helped_by__end_date__isnull=True) | Q(unit__helped_by__end_date__gte=day)),
    )
    names, helpers = {}, []
    rows = weak_assessments.annotate(helper=counted).values_list(
        "unit__code",
        "unit__name",
        "helper__helper__code",
        "helper__role",
        "helper__start_date",
        "helper__end_date",
    )
    for unit, name, helper, *rest in plain_rows(rows):
        names[unit] = name
        if helper is not None:
            helpers.append(Helper(unit, helper, *rest))
    rows = assistance_findings(list(names), helpers, year)
    for row in rows:
        row["unit_name"] = names.get(row["unit_code"])
    return rows


register(
    Review(
        name="assistance",
        title=_("Help for weak units"),
        help=_("units assessed weak in a year without exactly one lead helper on 31 March"),
        options=("year",),
        run=lambda *, user, options: assistance_rows(user=user, year=options["year"]),
        columns=lambda rows: [
            Column(_("Unit"), lambda r: r["unit_name"] or r["unit_code"]),
            Column(_("Finding"), lambda r: str(FINDING_LABELS.get(r["finding"], r["finding"]))),
        ],
    )
)
