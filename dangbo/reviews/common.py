"""Options and columns several reviews share."""

from django.utils.translation import gettext_lazy as _

from dangbo.core.dates import parse_user_date
from dangbo.org.models import Unit
from dangbo.people.models import Person


def add_as_of(parser):
    parser.add_argument(
        "--as-of", required=True, type=parse_user_date, help=_("review date (YYYY-MM-DD)")
    )


def add_year(parser):
    parser.add_argument("--year", required=True, type=int, help=_("the year (YYYY)"))


def person_names(codes) -> dict[str, str]:
    return dict(Person.objects.filter(code__in=set(codes)).values_list("code", "full_name"))


def unit_names(codes) -> dict[str, str]:
    return dict(Unit.objects.filter(code__in=set(codes)).values_list("code", "name"))


def with_names(rows: list[dict], person_key: str | None, unit_key: str | None) -> list[dict]:
    """Add full_name / unit_name (extra keys INTERCHANGE.md allows) for tables and screens."""
    if person_key:
        names = person_names(r[person_key] for r in rows if r.get(person_key))
        for row in rows:
            row["full_name"] = names.get(row.get(person_key))
    if unit_key:
        names = unit_names(r[unit_key] for r in rows if r.get(unit_key))
        for row in rows:
            row["unit_name"] = names.get(row.get(unit_key))
    return rows
