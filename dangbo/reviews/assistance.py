"""`dangbo review assistance --year Y`: weak units without exactly one lead (RULES §3)."""

from django.db.models import Count, FilteredRelation, Q
from django.utils.translation import gettext_lazy as _

from dangbo.assessment.models import Level
from dangbo.assessment.selectors import assessment_list_visible_to
from dangbo.core.db import plain_rows
from dangbo.reviews.common import label_column, record_column
from dangbo.reviews.registry import Review, register
from dangbo.rules.assistance import LEAD, deadline, findings_from_lead_counts


def assistance_rows(*, user, year: int) -> list[dict]:
    weak_assessments = assessment_list_visible_to(user=user).filter(year=year, level=Level.WEAK)
    # The database counts, for each weak unit, the leads active on the deadline (LEAD and
    # deadline() come from the rule); the rule decides what a count means.
    day = deadline(year)
    counted = FilteredRelation(
        "unit__helped_by",
        condition=Q(unit__helped_by__role=LEAD, unit__helped_by__start_date__lte=day)
        & (Q(unit__helped_by__end_date__isnull=True) | Q(unit__helped_by__end_date__gte=day)),
    )
    rows = (
        weak_assessments.annotate(lead=counted)
        .values("unit__code", "unit__name")
        .annotate(leads=Count("lead__id"))
        .values_list("unit__code", "unit__name", "leads")
    )
    names, leads = {}, {}
    for unit, name, count in plain_rows(rows):
        names[unit] = name
        leads[unit] = count
    findings = findings_from_lead_counts(names, leads)
    for row in findings:
        row["unit_name"] = names.get(row["unit_code"])
    return findings


register(
    Review(
        name="assistance",
        title=_("Help for weak units"),
        help=_("units assessed weak in a year without exactly one lead helper on 31 March"),
        reads=("assessment.Assistance", "assessment.Assessment"),
        options=("year",),
        run=lambda *, user, options: assistance_rows(user=user, year=options["year"]),
        columns=lambda rows: [
            record_column(_("Unit"), rows, "unit", "unit_code", name_key="unit_name"),
            label_column(_("Finding"), "assistance_finding", "finding"),
        ],
    )
)
