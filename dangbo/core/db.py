"""Small database helpers that hide differences between SQLite and PostgreSQL."""

from collections.abc import Iterator
from datetime import date

from django.db import connection, connections
from django.db.models import BooleanField, F, Field, Func, Q, QuerySet, Value
from django.db.models.functions import Collate


def bytewise(field: str):
    """Order by a text field byte by byte, as Python compares str.

    Streaming rules compare codes in Python, so the database must sort the same way:
    PostgreSQL's default collation is locale-aware; SQLite's is already binary.
    """
    if connection.vendor == "postgresql":
        return Collate(F(field), "C")
    return F(field)


def plain_rows(queryset: QuerySet, *, dates: tuple[int, ...] = (), chunk: int = 0) -> Iterator:
    """The rows of a ``values_list()`` queryset, read on a plain cursor (tuples, SQL order).

    Django converts every value of every row (``apply_converters``), which costs more than
    the rest of a review that reads a few thousand rows; this runs the queryset's own SQL
    and converts only the columns at ``dates``: on SQLite, a date computed by the query
    (a subquery, an aggregate) comes as ISO text (table columns declared ``date`` already come
    as dates), on PostgreSQL every date is a date. Use it for values the driver returns as
    the rule wants them (text, numbers, dates); ``chunk`` > 0 streams (fetchmany).
    """
    db = connections[queryset.db]
    sql, params = queryset.query.sql_with_params()
    text_dates = dates if db.vendor == "sqlite" else ()
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk) if chunk else cursor.fetchall():
            if text_dates:
                rows = [_with_dates(row, text_dates) for row in rows]
            yield from rows
            if not chunk:
                return


def _with_dates(row: tuple, indexes: tuple[int, ...]) -> tuple:
    row = list(row)
    for i in indexes:
        value = row[i]
        if isinstance(value, str):
            row[i] = date.fromisoformat(value)
    return tuple(row)


class _AnyOf(Func):
    # field = ANY(%s): one array parameter, where IN (%s, %s, ...) makes psycopg split a
    # query of thousands of placeholders (0.2 s for ~17,000 codes).
    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def one_of(field: str, values) -> Q | Func:
    """A filter: ``field`` is one of ``values`` (a bound array on PostgreSQL, IN on SQLite)."""
    values = list(values)
    if connection.vendor == "postgresql":
        return _AnyOf(F(field), Value(values, output_field=Field()))
    return Q(**{f"{field}__in": values})
