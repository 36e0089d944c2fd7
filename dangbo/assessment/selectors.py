"""Reads of surveys and help, through the user's scope (the unit helped, or the helper)."""

from django.db.models import QuerySet

from dangbo.assessment.models import Assessment, Assistance, AssistanceProgress
from dangbo.org import scope


def assessment_list_visible_to(*, user) -> QuerySet[Assessment]:
    return scope.filter_by_unit_path(Assessment.objects.select_related("unit"), user, "unit")


def assistance_list_visible_to(*, user) -> QuerySet[Assistance]:
    """A helper body sees the units assigned to it; an office sees help given in its tree."""
    assistance = Assistance.objects.select_related("unit", "helper")
    return scope.filter_by_unit_path(assistance, user, "unit", "helper")


def progress_list_visible_to(*, user) -> QuerySet[AssistanceProgress]:
    """Progress notes of the help the user sees."""
    return AssistanceProgress.objects.filter(
        assistance__in=assistance_list_visible_to(user=user).values("pk")
    ).select_related("assistance", "assistance__unit", "assistance__helper")


def helps_noted_by(*, user, unit) -> QuerySet[Assistance]:
    """The help given to `unit` whose progress the user records as the helper body itself
    (latest first): the buttons on the unit's page."""
    from dangbo.org.policy import HELPERS

    helps = assistance_list_visible_to(user=user).filter(unit=unit)
    paths = scope.write_paths(user, HELPERS)
    if paths is not None:
        helps = helps.filter(scope.unit_condition(paths, "helper"))
    return helps.order_by("-start_date", "pk")
