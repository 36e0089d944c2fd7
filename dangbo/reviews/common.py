"""Names for the codes in review rows, shared by several reviews."""

from dangbo.org.models import Unit
from dangbo.people.models import Person


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
