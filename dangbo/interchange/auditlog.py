"""Audit entries for imported records, written in bulk in the import's transaction.

A record an import changes gets an entry of the shape `dangbo.core.audit.record` writes
(action dangbo.create or dangbo.update, data {"source", "before", "after", "changes"}), so
its history shows the import like any other change. People and posts an import creates,
up to millions, share one entry per file on the run (audit.record_bulk_creation), found
from each record's history through the ranges of their ids. All entries of one run share
the run's uuid.
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from dangbo.core import audit
from dangbo.interchange.bulk import TableWriter, is_postgresql

COLUMNS = (
    "content_type_id",
    "label",
    "action",
    "data",
    "timestamp",
    "uuid",
    "user_id",
    "content_changed",
    "deleted",
    "object_id",
)


def audited_fields(model) -> tuple[str, ...]:
    """The keys of `audit.snapshot` for this model, in its order."""
    excluded = getattr(model, "audit_exclude", ())
    return tuple(
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in excluded
    )


def plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class AuditWriter:
    def __init__(self, *, actor, source: str, batch: uuid.UUID):
        self.actor = actor
        self.user_id = getattr(actor, "pk", None)
        self.source = source
        self.batch = batch if is_postgresql() else batch.hex  # Django keeps UUIDs as hex on SQLite
        self.now = now = timezone.now()
        self.timestamp = now if is_postgresql() else connection.ops.adapt_datetimefield_value(now)
        self.writer = TableWriter(ModelLogEntry._meta.db_table, COLUMNS)
        self.pending: list[tuple] = []
        self.written = 0
        self.created: dict[tuple, list] = {}  # (model, file) → id ranges
        # A dry run's Preview (preview.py): the first changes of each file, to show them.
        self.preview = None

    def add(self, model, object_id: int, label: str, before: dict | None, after: dict) -> None:
        if self.preview is not None:
            self.preview.changed(model, object_id, label, before, after)
        action = audit.UPDATE if before else audit.CREATE
        data = {
            "source": self.source,
            "before": before,
            "after": after,
            # A creation changes every field that has a value (as audit.diff gives it).
            "changes": audit.diff(before, after)
            if before
            else {k: [None, v] for k, v in after.items() if v is not None},
        }
        content_type_id = ContentType.objects.get_for_model(model).pk
        self.pending.append(
            (
                content_type_id,
                label[:255],
                action,
                data,
                self.timestamp,
                self.batch,
                self.user_id,
                True,
                False,
                str(object_id),
            )
        )
        if len(self.pending) >= 5000:
            self.flush()

    def flush(self) -> None:
        self.writer.insert(self.pending)
        self.written += len(self.pending)
        self.pending = []

    def add_created(self, model, ids: list[int], file: str) -> None:
        """Records of `model` just created from `file` with `ids`: one entry for them all,
        written by `finish` (audit.record_bulk_creation) with the ranges of their ids."""
        if ids and self.preview is not None:
            self.preview.created(model, ids)
        if ids:
            audit.id_ranges(ids, self.created.setdefault((model, file), []))

    def finish(self, run) -> None:
        """Write what is pending, and one entry on `run` per file of created records."""
        self.flush()
        for (model, file), ranges in self.created.items():
            audit.record_bulk_creation(
                run,
                model,
                ranges,
                actor=self.actor,
                source=self.source,
                batch=run.uuid,
                data={"file": file},
                timestamp=self.now,
            )
        self.created = {}
