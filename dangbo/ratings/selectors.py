"""Reads of ratings and rounds, through the user's scope."""

from django.db.models import QuerySet

from dangbo.org import scope
from dangbo.ratings.models import Rating, RatingRound


def rating_list_visible_to(*, user) -> QuerySet[Rating]:
    return scope.filter_by_unit_path(Rating.objects.select_related("person", "unit"), user, "unit")


def round_list_visible_to(*, user) -> QuerySet[RatingRound]:
    return scope.filter_by_unit_path(RatingRound.objects.select_related("unit"), user, "unit")
