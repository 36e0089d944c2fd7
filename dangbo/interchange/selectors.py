"""Reads of the import runs, for the user who asks."""

from django.db.models import QuerySet

from dangbo.interchange.models import ImportRun
from dangbo.org import scope


def import_runs_visible_to(*, user) -> QuerySet[ImportRun]:
    """The runs a user may see: their own; every run for the installation's operator (a
    run's report names rows of the user's own part of the tree only, so nobody else's is
    shown to them)."""
    runs = ImportRun.objects.select_related("user")
    if scope.is_unrestricted(user):
        return runs
    if user is None or not user.is_authenticated:
        return runs.none()
    return runs.filter(user=user)
