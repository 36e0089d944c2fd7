"""`dangbo review supervision --period P --as-of D`: who reported on time (RULES §6)."""

from django.db.models import DateField, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from dangbo.core.dates import vn_date
from dangbo.core.db import plain_rows
from dangbo.core.models import RuleSettings
from dangbo.reviews.common import label_column, record_column
from dangbo.reviews.registry import Column, Review, register
from dangbo.rules.supervision import quarter_bounds, report_statuses
from dangbo.supervision.models import SupervisionReport
from dangbo.supervision.selectors import assignment_list_visible_to


def supervision_rows(*, user, period: str, as_of) -> list[dict]:
    first, last = quarter_bounds(period)
    assignments = (
        assignment_list_visible_to(user=user)
        .filter(start_date__lte=last)
        .exclude(end_date__lt=first)
    )
    submitted = SupervisionReport.objects.filter(
        period=period, person_id=OuterRef("person_id")
    ).values("submitted_date")[:1]
    # One row per member who must report (their assignments overlap the quarter), with
    # their report for the period.
    rows = (
        # No model ordering: it would add start_date to the SELECT and undo the DISTINCT.
        assignments.order_by()
        .values("person__code", "person__full_name")
        .distinct()
        .annotate(report=Subquery(submitted, output_field=DateField()))
        .values_list("person__code", "person__full_name", "report")
    )
    names, reports = {}, {}
    for person, name, report in plain_rows(rows, dates=(2,)):
        names[person] = name
        if report is not None:
            reports[person] = report
    report_day = RuleSettings.load().report_day
    rows = report_statuses(names, reports, period, as_of, report_day=report_day)
    for row in rows:
        row["full_name"] = names.get(row["person_code"])
    return rows


register(
    Review(
        name="supervision",
        title=_("Supervision reports"),
        help=_("committee members' quarterly reports: on time, late, missing, not yet due"),
        reads=("supervision.SupervisionReport",),
        options=("period", "as_of"),
        run=lambda *, user, options: supervision_rows(
            user=user, period=options["period"], as_of=options["as_of"]
        ),
        columns=lambda rows: [
            record_column(_("Full name"), rows, "person", "person_code", name_key="full_name"),
            Column(_("Due"), lambda r: vn_date(r["due"])),
            Column(_("Submitted"), lambda r: vn_date(r["submitted"])),
            label_column(_("Status"), "report_status", "status"),
        ],
    )
)
