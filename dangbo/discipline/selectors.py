"""Reads of discipline cases, through the user's scope."""

from django.db.models import QuerySet

from dangbo.discipline.models import DisciplineCase
from dangbo.org import scope


def case_list_visible_to(*, user) -> QuerySet[DisciplineCase]:
    return scope.filter_by_unit_path(
        DisciplineCase.objects.select_related("person", "unit"), user, "unit"
    )


def cases_announced_between(*, user, first_day, last_day) -> QuerySet[DisciplineCase]:
    """The decisions announced in a period: the six-monthly and yearly published lists."""
    return (
        case_list_visible_to(user=user)
        .filter(announced_date__gte=first_day, announced_date__lte=last_day)
        .order_by("announced_date", "code")
    )
