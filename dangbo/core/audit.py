"""The audit trail: who changed what, when, with values before and after.

Entries are Wagtail's ModelLogEntry rows, so every record's "History" screen in the back
office shows them. They are written inside the caller's transaction: a change and its
audit entry commit or roll back together.
"""

import datetime
import hashlib
import json
import uuid as uuid_lib
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from dangbo.core.errors import ConflictError
from dangbo.core.models import BulkCreation

CREATE = "dangbo.create"
UPDATE = "dangbo.update"
END = "dangbo.end"
# One entry for the many records a bulk change (an import) created; see BulkCreation.
BULK_CREATE = "dangbo.bulk_create"

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


def record_bulk_creation(
    subject: models.Model,
    model: type[models.Model],
    ranges: Sequence[tuple[int, int]],
    *,
    actor,
    source: str,
    batch: uuid_lib.UUID | None = None,
    data: dict | None = None,
    timestamp: datetime.datetime | None = None,
) -> ModelLogEntry | None:
    """One entry on `subject` (an import run) for the records of `model` created with the ids
    of `ranges` ((first, last) pairs, see `id_ranges`).

    Each record's history shows it as its creation (`history`, `with_creation_values`).
    """
    if not ranges:
        return None
    entry = ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        label=str(subject)[:255],
        action=BULK_CREATE,
        timestamp=timestamp or timezone.now(),
        data={
            "source": source,
            "model": model._meta.label_lower,
            "count": sum(last - first + 1 for first, last in ranges),
            **(data or {}),
        },
        user=actor if getattr(actor, "pk", None) else None,
        object_id=str(subject.pk),
        uuid=batch,
        content_changed=True,
    )
    content_type = ContentType.objects.get_for_model(model)
    BulkCreation.objects.bulk_create(
        BulkCreation(entry=entry, content_type=content_type, first_id=first, last_id=last)
        for first, last in ranges
    )
    return entry


def id_ranges(ids: Iterable[int], ranges: list | None = None) -> list[tuple[int, int]]:
    """The ids as runs of consecutive numbers: [1, 2, 3, 7, 8] → [(1, 3), (7, 8)].

    With `ranges` (from an earlier call), the ids extend them: batch by batch.
    """
    ranges = ranges if ranges is not None else []
    for pk in sorted(ids):
        if ranges and pk == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], pk)
        else:
            ranges.append((pk, pk))
    return ranges


def history(instance: models.Model):
    """The audit entries of one record, newest first, with the bulk creation that made it."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    own = Q(content_type=content_type, object_id=str(instance.pk))
    if isinstance(instance.pk, int):
        created_by = BulkCreation.objects.filter(
            content_type=ContentType.objects.get_for_model(instance),
            first_id__lte=instance.pk,
            last_id__gte=instance.pk,
        ).values("entry_id")
        own |= Q(pk__in=created_by)
    return ModelLogEntry.objects.filter(own).select_related("user").order_by("-timestamp", "-pk")


def creation_values(instance: models.Model) -> dict:
    """The values a record was created with: what its first change saw, or its values now.

    Every change is audited with the values before it, so this is exact for a record whose
    creation has no entry of its own (a bulk creation).
    """
    first_change = (
        ModelLogEntry.objects.for_instance(instance)
        .filter(action__in=(UPDATE, END))
        .order_by("timestamp", "pk")
        .first()
    )
    if first_change is not None and (first_change.data or {}).get("before"):
        return first_change.data["before"]
    return snapshot(instance)


def with_creation_values(entries: Iterable[ModelLogEntry], instance: models.Model) -> list:
    """`entries` of `instance`'s history, its bulk creation showing the values it created.

    The entry is shared by every record of the import; the copy in hand gets this record's
    before/after/changes, as an entry of its own would hold them, for display only.
    """
    entries = list(entries)
    for entry in entries:
        if entry.action == BULK_CREATE:
            after = creation_values(instance)
            entry.data = {
                **(entry.data or {}),
                "before": None,
                "after": after,
                "changes": {
                    key: [None, value] for key, value in after.items() if value is not None
                },
            }
    return entries
