"""Permissions that follow from a user's grants, without Django groups to keep in step."""

from dangbo.org import scope

# Every role works in the back office; what each may see is then bounded by its unit.
_ADMIN_ACCESS = "wagtailadmin.access_admin"


class RoleBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active or obj is not None:
            return False
        if perm == _ADMIN_ACCESS:
            return bool(scope.reaches(user_obj))
        return False

    def get_user(self, user_id):
        return None
