"""Writes of grants: only the operator gives, changes or ends a user's rights; each is audited."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from dangbo.accounts.models import Grant, User
from dangbo.accounts.portal import sync_portal_access
from dangbo.core import audit, records
from dangbo.core.errors import InputError
from dangbo.org import scope
from dangbo.org.models import Unit
from dangbo.org.validation import check_period

GRANT_FIELDS = ("unit", "role", "valid_from", "valid_to")


def _require_operator(actor) -> None:
    if not scope.is_unrestricted(actor):
        raise PermissionError(_("Only the operator gives or changes rights."))


@transaction.atomic
def grant_give(
    *,
    actor,
    user: User,
    unit: Unit,
    role: str,
    valid_from: date | None = None,
    valid_to: date | None = None,
    source: str = audit.SOURCE_SCREEN,
) -> Grant:
    _require_operator(actor)
    if problems := check_period(valid_from, valid_to, "valid_to"):
        raise InputError(problems)
    grant = Grant(user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to)
    records.create(grant, actor=actor, source=source)
    scope.forget(user)
    sync_portal_access(user)
    return grant


@transaction.atomic
def grant_update(*, actor, grant: Grant, source: str = audit.SOURCE_SCREEN, **values) -> Grant:
    """Change a grant's unit, role or dates; ending it is giving it a last day."""
    _require_operator(actor)
    current = Grant.objects.select_for_update().get(pk=grant.pk)
    merged = {f: values.get(f, getattr(current, f)) for f in GRANT_FIELDS}
    if problems := check_period(merged["valid_from"], merged["valid_to"], "valid_to"):
        raise InputError(problems)
    changes = {f: v for f, v in merged.items() if getattr(current, f) != v}
    if changes:
        records.update(current, changes, actor=actor, source=source)
    scope.forget(grant.user)
    sync_portal_access(current.user)
    return current
