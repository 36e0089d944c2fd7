"""Reads of ratings and rounds, through the user's scope."""

from django.db.models import QuerySet

from dangbo.org import scope
from dangbo.ratings.models import Rating, RatingRound, RoundStatus


def rating_list_visible_to(*, user) -> QuerySet[Rating]:
    return scope.filter_by_unit_path(Rating.objects.select_related("person", "unit"), user, "unit")


def round_list_visible_to(*, user) -> QuerySet[RatingRound]:
    return scope.filter_by_unit_path(RatingRound.objects.select_related("unit"), user, "unit")


def rounds_to_approve(user) -> QuerySet[RatingRound]:
    """The rating rounds waiting for this user's approval: still a draft, on a committee
    where the user may DECIDE (the standing committee; the operator everywhere)."""
    from dangbo.org.policy import DECIDE
    from dangbo.ratings.permissions import round_policy

    if not round_policy.may(user, DECIDE):
        return RatingRound.objects.none()
    return (
        round_policy.writable(user, DECIDE)
        .filter(status=RoundStatus.DRAFT)
        .order_by("-year", "unit__code")
    )
