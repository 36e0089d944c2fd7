"""Reads of rotations, through the user's scope (either end of the move)."""

from django.db.models import QuerySet

from dangbo.org import scope
from dangbo.rotation.models import Rotation, RotationPlan


def rotation_list_visible_to(*, user) -> QuerySet[Rotation]:
    rotations = Rotation.objects.select_related("person", "to_unit", "from_unit", "plan")
    return scope.filter_by_unit_path(rotations, user, "to_unit", "from_unit")


def plan_list_visible_to(*, user) -> QuerySet[RotationPlan]:
    return scope.filter_by_unit_path(RotationPlan.objects.select_related("unit"), user, "unit")
