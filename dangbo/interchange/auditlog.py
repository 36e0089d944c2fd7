"""Audit entries for imported records, written in bulk in the import's transaction.

Each entry has the shape `dangbo.core.audit.record` writes (action dangbo.create or
dangbo.update, data {"source", "before", "after", "changes"}), so a record's history screen
shows an import like any other change; all entries of one run share the run's uuid.
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
        self.user_id = getattr(actor, "pk", None)
        self.source = source
        self.batch = batch if is_postgresql() else batch.hex  # Django keeps UUIDs as hex on SQLite
        now = timezone.now()
        self.timestamp = now if is_postgresql() else connection.ops.adapt_datetimefield_value(now)
        self.writer = TableWriter(ModelLogEntry._meta.db_table, COLUMNS)
        self.pending: list[tuple] = []
        self.written = 0

    def add(self, model, object_id: int, label: str, before: dict | None, after: dict) -> None:
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

    def add_created(self, model, ids: list[int], label: str, join: str = "", params=()) -> None:
        """Audit entries for records of `model` just inserted with `ids`, built by the database.

        The same entries `add` makes for a creation (data {"source", "before": null, "after",
        "changes": {field: [null, value]} for every field with a value}), written by one
        INSERT … SELECT instead of a JSON document per record in Python. `label` is an SQL
        expression over the record `t` (and the tables of `join`), with `params` for its %s.
        """
        if not ids:
            return
        self.flush()  # keep entries in the order the records were written
        table = connection.ops.quote_name(model._meta.db_table)
        fields = [model._meta.get_field(name) for name in audited_fields(model)]
        postgresql = is_postgresql()
        build, array = (
            ("jsonb_build_object", "jsonb_build_array")
            if postgresql
            else ("json_object", "json_array")
        )
        after, changes = [], []
        for field in fields:
            column = f"t.{connection.ops.quote_name(field.column)}"
            after.append(f"'{field.attname}', {column}")
            change = f"{array}(NULL, {column})"
            if field.null:
                change = f"CASE WHEN {column} IS NULL THEN NULL ELSE {change} END"
            changes.append(f"'{field.attname}', {change}")
        changes_sql = f"{build}({', '.join(changes)})"
        # Fields without a value are left out of "changes": jsonb_strip_nulls drops them on
        # PostgreSQL, a JSON merge patch onto {} on SQLite.
        changes_sql = (
            f"jsonb_strip_nulls({changes_sql})"
            if postgresql
            else f"json_patch('{{}}', {changes_sql})"
        )
        after_sql = f"{build}({', '.join(after)})"
        data = (
            f"{build}('source', CAST(%s AS text), 'before', NULL, 'after', {after_sql}, "
            f"'changes', {changes_sql})"
        )
        contiguous = ids[-1] - ids[0] + 1 == len(ids)
        where = "t.id BETWEEN %s AND %s" if contiguous else "t.id = ANY(%s)"
        where_params = [ids[0], ids[-1]] if contiguous else [list(ids)]
        sql = (
            f"INSERT INTO {connection.ops.quote_name(ModelLogEntry._meta.db_table)} "
            f"({', '.join(COLUMNS)}) "
            f"SELECT %s, {'left' if postgresql else 'substr'}({label}"
            f"{'' if postgresql else ', 1'}, 255), %s, {data}, %s, %s, %s, %s, %s, "
            f"{'t.id::text' if postgresql else 'CAST(t.id AS TEXT)'} "
            f"FROM {table} t {join} WHERE {where} ORDER BY t.id"
        )
        content_type_id = ContentType.objects.get_for_model(model).pk
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    content_type_id,
                    *params,
                    audit.CREATE,
                    self.source,
                    self.timestamp,
                    self.batch,
                    self.user_id,
                    True,
                    False,
                    *where_params,
                ],
            )
        self.written += len(ids)
