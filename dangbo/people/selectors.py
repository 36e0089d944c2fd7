"""Reads of people and posts, always through the user's scope.

A person is in reach (docs/roles.md, (c)) when their membership (their unit), one of their
posts, or a record about them (a rotation, a case, a rating, an assignment: each app
registers its own with `link_people`) lies in a unit the user reaches.
"""

from datetime import date

from django.db.models import Q, QuerySet

from dangbo.org import scope
from dangbo.people.models import Person, Position

# (model, its person field, its unit fields): records that bring a person into reach.
PERSON_LINKS: list[tuple[type, str, tuple[str, ...]]] = []


def link_people(model, person_field: str, unit_fields: tuple[str, ...]) -> None:
    """Register records whose people are in reach wherever the records are."""
    entry = (model, person_field, tuple(unit_fields))
    if entry not in PERSON_LINKS:
        PERSON_LINKS.append(entry)


def person_list_visible_to(*, user) -> QuerySet[Person]:
    people = Person.objects.select_related("unit")
    paths = scope.read_paths(user)
    if paths is None:
        return people
    condition = scope.unit_condition(paths, "unit")
    for model, person_field, unit_fields in PERSON_LINKS:
        linked = model.objects.filter(scope.unit_condition(paths, *unit_fields))
        condition |= Q(pk__in=linked.values(f"{person_field}_id"))
    return people.filter(condition)


def position_list_visible_to(*, user) -> QuerySet[Position]:
    return scope.filter_by_unit_path(
        Position.objects.select_related("person", "unit"), user, "unit"
    )


def positions_of(*, user, person: Person) -> QuerySet[Position]:
    """A person's posts over time, only those in units the user may see."""
    return position_list_visible_to(user=user).filter(person=person).order_by("start_date", "pk")


def held_post_on(person: Person, day: date) -> bool:
    """Did the person hold any post on `day` (whatever the user may see)?"""
    return (
        Position.objects.filter(person=person, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .exists()
    )


def holding_role_on(people: QuerySet[Person], role: str, day: date) -> QuerySet[Person]:
    """Those of `people` (already the user's selector) holding a post of `role` on `day`."""
    holders = Position.objects.filter(role=role, start_date__lte=day).exclude(end_date__lt=day)
    return people.filter(pk__in=holders.values("person_id"))
