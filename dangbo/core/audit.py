"""The audit trail: who changed what, when, with values before and after.

Entries are Wagtail's ModelLogEntry rows, so every record's "History" screen in the back
office shows them. They are written inside the caller's transaction: a change and its
audit entry commit or roll back together.
"""

import datetime
import hashlib
import json
import uuid as uuid_lib
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from dangbo.core.errors import ConflictError

CREATE = "dangbo.create"
UPDATE = "dangbo.update"
END = "dangbo.end"

SOURCE_SCREEN = "screen"
SOURCE_IMPORT = "import"
SOURCE_COMMAND = "command"
SOURCE_API = "api"


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model) -> dict:
    """The audited values of a record: its concrete fields, foreign keys as ids."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key or field.name in getattr(instance, "audit_exclude", ()):
            continue
        values[field.attname] = _plain(getattr(instance, field.attname))
    return values


def fingerprint(instance: models.Model) -> str:
    """A digest of a record's audited values: the version an editor saw when they opened it."""
    data = json.dumps(snapshot(instance), sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:24]


def ensure_unchanged(current: models.Model, expected_version: str | None) -> None:
    """Two people editing one record: the first save wins, the second is told (not lost).

    `current` must be read under select_for_update so no save slips in between.
    """
    if expected_version and fingerprint(current) != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this record after you opened it. Open it again to see "
                "their change, then make yours."
            )
        )


def diff(before: dict | None, after: dict | None) -> dict:
    """Only the fields whose value changed, as {field: [before, after]}."""
    before = before or {}
    after = after or {}
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    instance: models.Model,
    action: str,
    *,
    actor,
    before: dict | None,
    after: dict | None,
    source: str,
    note: str = "",
    batch: uuid_lib.UUID | None = None,
) -> ModelLogEntry:
    return ModelLogEntry.objects.create(
        **_entry_kwargs(instance, action, actor, before, after, source, note, batch, timezone.now())
    )


def record_many(entries: Iterable[tuple], *, actor, source: str, batch=None, note="") -> int:
    """Bulk form of `record` for imports: entries are (instance, action, before, after)."""
    now = timezone.now()
    rows = [
        ModelLogEntry(**_entry_kwargs(inst, action, actor, before, after, source, note, batch, now))
        for inst, action, before, after in entries
    ]
    ModelLogEntry.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _entry_kwargs(instance, action, actor, before, after, source, note, batch, timestamp):
    data = {"source": source, "before": before, "after": after, "changes": diff(before, after)}
    if note:
        data["note"] = note
    return {
        "content_type": ContentType.objects.get_for_model(instance, for_concrete_model=False),
        "label": str(instance)[:255],
        "action": action,
        "timestamp": timestamp,
        "data": data,
        "user": actor if getattr(actor, "pk", None) else None,
        "object_id": str(instance.pk),
        "uuid": batch,
        "content_changed": True,
    }


def history(instance: models.Model):
    """The audit entries of one record, newest first."""
    return (
        ModelLogEntry.objects.for_instance(instance)
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
