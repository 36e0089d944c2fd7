"""`dangbo review tenure`: the tenure review (RULES §1) from the command line."""

from django.utils.translation import gettext_lazy as _

from dangbo.core.dates import vn_date
from dangbo.core.db import one_of
from dangbo.org.models import Unit
from dangbo.people.models import Person
from dangbo.reviews.common import label_column, record_column
from dangbo.reviews.registry import Column, Review, register
from dangbo.reviews.tenure import tenure_findings


def _run(*, user, options) -> list[dict]:
    findings = tenure_findings(
        user=user, as_of=options["as_of"], include_deputies=options["include_deputies"]
    )
    # Names only (values_list), not model instances: thousands of findings at scale.
    people = Person.objects.filter(one_of("code", {f.person_code for f in findings}))
    people = dict(people.values_list("code", "full_name"))
    units = Unit.objects.filter(one_of("code", {f.unit_code for f in findings}))
    units = dict(units.values_list("code", "name"))
    rows = []
    for finding in findings:
        row = finding.to_json()
        row["full_name"] = people.get(finding.person_code)
        row["unit_name"] = units.get(finding.unit_code)
        rows.append(row)
    return rows


def _columns(rows) -> list[Column]:
    return [
        record_column(_("Full name"), rows, "person", "person_code", name_key="full_name"),
        record_column(_("Unit"), rows, "unit", "unit_code", name_key="unit_name"),
        label_column(_("Role"), "role", "role"),
        Column(_("Since"), lambda r: vn_date(r["since"])),
        Column(_("Months"), lambda r: str(r["months"]), ">"),
        label_column(_("Status"), "tenure_status", "status"),
    ]


register(
    Review(
        name="tenure",
        title=_("Tenure review"),
        help=_("cadres holding the same post 8 years or more, or within a year of it"),
        reads=("people.Position",),
        options=("as_of", "include_deputies"),
        run=_run,
        columns=_columns,
    )
)
