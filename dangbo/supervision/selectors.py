"""Reads of supervision, through the user's scope (the area, or the member's own unit)."""

from django.db.models import Q, QuerySet

from dangbo.org import scope
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport


def assignment_list_visible_to(*, user) -> QuerySet[SupervisionAssignment]:
    assignments = SupervisionAssignment.objects.select_related("person", "unit")
    return scope.filter_by_unit_path(assignments, user, "unit", "person__unit")


def report_list_visible_to(*, user) -> QuerySet[SupervisionReport]:
    """Reports of members of the user's units, or of members assigned to areas in them."""
    reports = SupervisionReport.objects.select_related("person", "person__unit")
    paths = scope.read_paths(user)
    if paths is None:
        return reports
    assigned = SupervisionAssignment.objects.filter(scope.unit_condition(paths, "unit"))
    return reports.filter(
        scope.unit_condition(paths, "person__unit") | Q(person__in=assigned.values("person_id"))
    )
