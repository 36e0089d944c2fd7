"""Reads of people and posts, always through the user's scope.

A person is in reach (docs/roles.md, (c)) when their membership (their unit), one of their
posts, or a record about them (a rotation, a case, a rating, an assignment: each app
registers its own with `link_people`) lies in a unit the user reaches.
"""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from dangbo.org import scope
from dangbo.org.models import Unit
from dangbo.people.models import Person, Position

# (model, its person field, its unit fields): records that bring a person into reach.
PERSON_LINKS: list[tuple[type, str, tuple[str, ...]]] = []


def link_people(model, person_field: str, unit_fields: tuple[str, ...]) -> None:
    """Register records whose people are in reach wherever the records are."""
    entry = (model, person_field, tuple(unit_fields))
    if entry not in PERSON_LINKS:
        PERSON_LINKS.append(entry)


def person_list_visible_to(*, user) -> QuerySet[Person]:
    """People in the user's reach: their unit, or a record linking them, lies in a unit the
    user reads (`person_list_visible_to_by_or` says the same as one OR, kept for the tests).

    Built as set operations the databases plan once, not an OR of subqueries per person:
    the units read are one indexed range of paths; a small scope (most users) gathers the
    ids of its members and linked people (a UNION, each part by the links' unit index) and
    the people are fetched by id; a large scope (a province) keeps its members by unit and
    adds only the people outside it (no unit, or a unit out of reach) whom a record links.
    """
    people = Person.objects.select_related("unit")
    paths = scope.read_paths(user)
    if paths is None:
        return people
    if not paths:
        return people.none()
    inside = Unit.objects.filter(scope.unit_condition(paths)).values("pk")
    if _is_large(user, paths):
        # Everyone but the few outside (no unit, or a unit not read) whom no record links:
        # `NOT IN` a small set, so a page ordered by code walks the code index and stops.
        # The units not read are few here: their ids as a list, so that both databases take
        # the people's unit index (an `OR` with a subquery reads every person on PostgreSQL).
        outside_units = list(
            Unit.objects.exclude(scope.unit_condition(paths)).values_list("pk", flat=True)
        )
        outside = Person.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=outside_units))
        for model, person_field, unit_fields in PERSON_LINKS:
            linked = model.objects.filter(_links_inside(unit_fields, inside))
            outside = outside.exclude(Exists(linked.filter(**{person_field: OuterRef("pk")})))
        return people.exclude(pk__in=outside.order_by().values("pk"))
    ids = Person.objects.filter(unit_id__in=inside).order_by().values("pk")
    ids = ids.union(*_linked_ids(paths, inside), all=False)
    return people.filter(pk__in=ids)


# A scope reading more than this share of the units is "large" (see person_list_visible_to).
LARGE_SHARE = 0.5


def _is_large(user, paths) -> bool:
    def compute():
        total = Unit.objects.count()
        read = Unit.objects.filter(scope.unit_condition(paths)).count()
        return (bool(total and read > LARGE_SHARE * total),)

    return scope.kept(user, ("people-large", paths), compute)[0]


def _links_inside(unit_fields, inside) -> Q:
    condition = Q(pk__in=[])
    for unit_field in unit_fields:
        condition |= Q(**{f"{unit_field}_id__in": inside})
    return condition


def _linked_ids(paths, inside):
    """For each kind of record linking people, the ids of the people it brings into reach:
    those with one of its unit fields in a unit read."""
    for model, person_field, unit_fields in PERSON_LINKS:
        linked = model.objects.filter(_links_inside(unit_fields, inside))
        yield linked.order_by().values(f"{person_field}_id")


def person_list_visible_to_by_or(*, user) -> QuerySet[Person]:
    """The reach of people as first written: one OR of a subquery per kind of link, slow on
    a large population, kept as the reference the tests compare the fast query with."""
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
