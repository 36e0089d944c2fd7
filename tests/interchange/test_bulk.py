"""Ids taken up front for bulk writes: each exactly once, whatever another writer does."""

import threading

import pytest
from django.db import connection

from dangbo.interchange.bulk import SQLITE_CACHE_KIB, TableWriter, bulk_session, is_postgresql
from dangbo.people.models import Person


@pytest.mark.django_db(transaction=True)
def test_ids_are_distinct_and_counted_while_another_writer_takes_some():
    table = Person._meta.db_table
    writer = TableWriter(table, ("id",))
    taken_by_other: list[int] = []
    stop = threading.Event()

    def other_writer():
        # Another connection takes ids from the same sequence meanwhile (PostgreSQL).
        from django.db import connections

        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                while not stop.is_set():
                    cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
                    taken_by_other.append(cursor.fetchone()[0])
        finally:
            other.close()

    thread = threading.Thread(target=other_writer) if is_postgresql() else None
    if thread:
        thread.start()
    try:
        batches = [writer.allocate_ids(n) for n in (1, 5000, 20000, 3)]
    finally:
        stop.set()
        if thread:
            thread.join()
    ids = [pk for batch in batches for pk in batch]
    assert [len(b) for b in batches] == [1, 5000, 20000, 3]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & set(taken_by_other)
    assert writer.allocate_ids(0) == []
    assert connection.vendor in ("sqlite", "postgresql")


@pytest.mark.django_db
def test_a_bulk_session_tunes_sqlite_and_gives_the_connection_back_as_it_was():
    if is_postgresql():
        with bulk_session():
            pass  # nothing to tune
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        with bulk_session():
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone()[0] == SQLITE_CACHE_KIB
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before != SQLITE_CACHE_KIB
