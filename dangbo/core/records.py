"""Audited create and update, the two moves every capability's services make.

A service checks scope and rules, then calls these; each writes the record and its audit
entry in the caller's transaction (services are @transaction.atomic).
"""

from django.db import models

from dangbo.core import audit
from dangbo.core.errors import InputError


def create(instance: models.Model, *, actor, source: str) -> models.Model:
    instance.save()
    audit.record(
        instance,
        audit.CREATE,
        actor=actor,
        before=None,
        after=audit.snapshot(instance),
        source=source,
    )
    return instance


def update(
    current: models.Model,
    changes: dict,
    *,
    actor,
    source: str,
    expected_version: str | None = None,
    action: str = audit.UPDATE,
) -> models.Model:
    """Apply `changes` to a row read with select_for_update; audit only a real change."""
    audit.ensure_unchanged(current, expected_version)
    before = audit.snapshot(current)
    for field, value in changes.items():
        setattr(current, field, value)
    after = audit.snapshot(current)
    if after != before:
        current.save()
        audit.record(current, action, actor=actor, before=before, after=after, source=source)
    return current


def end(
    current: models.Model,
    end_date,
    *,
    problems: list,
    actor,
    source: str,
    expected_version: str | None = None,
) -> models.Model:
    """End a dated record read with select_for_update (a help, an assignment) on
    `end_date`, audited as an end — unless its checks found `problems`."""
    if problems:
        raise InputError(problems)
    return update(
        current,
        {"end_date": end_date},
        actor=actor,
        source=source,
        expected_version=expected_version,
        action=audit.END,
    )
