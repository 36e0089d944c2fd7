"""Bulk writes for imports: PostgreSQL COPY, SQLite executemany, ids allocated up front.

Rows are written without model instances (save() and signals would cost more than the
write itself at a million rows), so callers fill derived fields like `path` and
`search_text` themselves. Ids are taken before the insert so that a batch's code → id
map is known without reading it back.
"""

import datetime
import json
from contextlib import contextmanager

from django.db import connection

BATCH_SIZE = 5000


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _sqlite_value(value):
    # Django stores dates and datetimes as ISO text on SQLite.
    if value is None or type(value) is str or type(value) is int:
        return value  # most cells: skip the isinstance chain
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _pg_value(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


@contextmanager
def bulk_session():
    """The connection tuned for a bulk write, as it was after.

    SQLite keeps 2 MB of pages in memory by default; the indexes of a million people do not
    fit, and each insert reads index pages back from the file: 64 MB took the write of a
    million people and posts from 28 s to 24 s. PostgreSQL needs nothing here.
    """
    if is_postgresql():
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


SQLITE_CACHE_KIB = -65536  # negative: KiB (64 MB), not pages


def refresh_statistics(table: str) -> None:
    """After a bulk write, let PostgreSQL's planner see what this transaction wrote.

    Its statistics still describe the table as it was (often empty), so a lookup of a
    batch of codes (`code = ANY(…)`) scans the whole table: 0.15 s a batch at a million
    people instead of 0.02 s. ANALYZE samples the rows this transaction wrote too. SQLite
    always uses the unique index and needs nothing.
    """
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(f'ANALYZE "{table}"')


class TableWriter:
    """Inserts and updates rows of one table inside the current transaction."""

    def __init__(self, table: str, columns: tuple[str, ...]):
        self.table = table
        self.columns = columns
        self._next_sqlite_id = None
        self._sequence = None

    def allocate_ids(self, count: int) -> list[int]:
        if count == 0:
            return []
        with connection.cursor() as cursor:
            if is_postgresql():
                if self._sequence is None:
                    # Named once: pg_get_serial_sequence in the query below would be looked
                    # up for each id (9× slower).
                    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [self.table])
                    (self._sequence,) = cursor.fetchone()
                # The ids come back as a range when they are consecutive (no other writer
                # took one meanwhile), instead of one row per id; else as the list.
                cursor.execute(
                    "SELECT min(v), max(v), CASE WHEN max(v) - min(v) + 1 = count(*) THEN NULL "
                    "ELSE array_agg(v ORDER BY v) END FROM (SELECT nextval(%s::regclass) AS v "
                    "FROM generate_series(1, %s)) ids",
                    [self._sequence, count],
                )
                first, last, ids = cursor.fetchone()
                return list(range(first, last + 1)) if ids is None else ids
            if self._next_sqlite_id is None:
                cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{self.table}"')
                self._next_sqlite_id = cursor.fetchone()[0]
        first = self._next_sqlite_id
        self._next_sqlite_id += count
        return list(range(first, first + count))

    def insert(self, rows: list[tuple], plain: bool = False) -> None:
        """`plain`: the rows hold only str, int and None (dates as ISO text), stored as given."""
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in self.columns)
        if is_postgresql():
            connection.ensure_connection()
            sql = f'COPY "{self.table}" ({names}) FROM STDIN'
            with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
                if plain:
                    for row in rows:
                        copy.write_row(row)
                else:
                    for row in rows:
                        copy.write_row([_pg_value(v) for v in row])
            return
        marks = ", ".join("%s" for _ in self.columns)
        sql = f'INSERT INTO "{self.table}" ({names}) VALUES ({marks})'
        with connection.cursor() as cursor:
            cursor.executemany(
                sql, rows if plain else [[_sqlite_value(v) for v in row] for row in rows]
            )

    def update(self, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Rows are (value, …, id) in the order of `columns`."""
        if not rows:
            return
        assignments = ", ".join(f'"{c}" = %s' for c in columns)
        sql = f'UPDATE "{self.table}" SET {assignments} WHERE id = %s'
        convert = _pg_value if is_postgresql() else _sqlite_value
        with connection.cursor() as cursor:
            cursor.executemany(sql, [[convert(v) for v in row] for row in rows])
