"""Reads of supervision, through the user's scope (the area, or the member's own unit)."""

from django.db.models import QuerySet

from dangbo.org import scope
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport


def assignment_list_visible_to(*, user) -> QuerySet[SupervisionAssignment]:
    assignments = SupervisionAssignment.objects.select_related("person", "unit")
    return scope.filter_by_unit_path(assignments, user, "unit", "person__unit")


def report_list_visible_to(*, user) -> QuerySet[SupervisionReport]:
    reports = SupervisionReport.objects.select_related("person", "person__unit")
    return scope.filter_by_unit_path(reports, user, "person__unit")
