"""`dangbo review assistance --year Y`: weak units without exactly one lead (RULES §3)."""

from django.utils.translation import gettext_lazy as _

from dangbo.assessment.labels import FINDING_LABELS
from dangbo.assessment.models import Assistance, Level
from dangbo.assessment.selectors import assessment_list_visible_to
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
    names = dict(weak_assessments.values_list("unit__code", "unit__name"))
    # A subquery, not a list of codes: thousands of weak units make a long IN list to build.
    # Only leads active on the deadline can count (the rule checks them again): parameters
    # from dangbo.rules.assistance, so the database pre-filter cannot drift from the rule.
    day = deadline(year)
    helpers = (
        Assistance.objects.filter(unit_id__in=weak_assessments.values("unit_id"))
        .filter(role=LEAD, start_date__lte=day)
        .exclude(end_date__lt=day)
        .values_list("unit__code", "helper__code", "role", "start_date", "end_date")
    )
    rows = assistance_findings(list(names), [Helper(*row) for row in helpers], year)
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
