"""The tenure review (RULES §1) over stored posts, for the screen, the CLI and the API.

Reads through the user's scope, streams posts in the order the rule expects, and leaves
every decision to `dangbo.rules.tenure`.
"""

from datetime import date

from django.db.models import F

from dangbo.core.db import bytewise
from dangbo.org.models import Unit
from dangbo.people.models import Person, Position
from dangbo.people.selectors import position_list_visible_to
from dangbo.rules.tenure import Holding, TenureFinding, review_tenure_sorted, reviewed_roles


def tenure_findings(*, user, as_of: date, include_deputies: bool) -> list[TenureFinding]:
    posts = (
        position_list_visible_to(user=user)
        .filter(role__in=reviewed_roles(include_deputies), start_date__lte=as_of)
        .order_by(
            bytewise("person__code"),
            bytewise("unit__code"),
            "role",
            "start_date",
            F("end_date").asc(nulls_last=True),
        )
        .values_list("person__code", "unit__code", "role", "start_date", "end_date", "pk")
    )
    holdings = (
        Holding(person, unit, role, start, end, ref=pk)
        for person, unit, role, start, end, pk in posts.iterator(chunk_size=5000)
    )
    return list(review_tenure_sorted(holdings, as_of, include_deputies))


def names_for(findings: list[TenureFinding]) -> tuple[dict[str, Person], dict[str, Unit]]:
    """The people and units a list of findings names, for display."""
    people = Person.objects.in_bulk({f.person_code for f in findings}, field_name="code")
    units = Unit.objects.in_bulk({f.unit_code for f in findings}, field_name="code")
    return people, units


def titles_for(findings: list[TenureFinding]) -> dict[int, str]:
    """The title (chức vụ) of each chained post, by post id."""
    ids = [h.ref for f in findings for h in f.holdings]
    return dict(Position.objects.filter(pk__in=ids).values_list("pk", "title"))
