"""Reads of people and posts, always through the user's scope."""

from datetime import date

from django.db.models import Q, QuerySet

from dangbo.org import scope
from dangbo.people.models import Person, Position


def person_list_visible_to(*, user) -> QuerySet[Person]:
    return scope.filter_by_unit_path(Person.objects.select_related("unit"), user, "unit")


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
