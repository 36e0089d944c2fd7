"""The policy glue of every scoped view: a record is read through the model's policy.

`permission_policy` is the model's registered policy (`<app>/permissions.py`), set by
ScopedViewSet: a record outside what the user sees is a 404, a change the policy refuses a
403 (ARCHITECTURE §2).
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

VIEW = "view"


class ScopedObjectMixin:
    """Reads the record through the policy's selector: outside the scope is a 404.

    A role the policy does not let VIEW these records finds no screen of them (404, not
    Wagtail's redirect to the dashboard): docs/roles.md.
    """

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.may(request.user, VIEW):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def scoped_queryset(self) -> QuerySet:
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, [VIEW]
        )

    def get_scoped_object(self, pk):
        return get_object_or_404(self.scoped_queryset(), pk=unquote(str(pk)))

    def can_change(self, instance) -> bool:
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        )

    def require_change(self, instance):
        if not self.can_change(instance):
            raise PermissionDenied
