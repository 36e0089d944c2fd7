"""`dangbo backup` and `dangbo restore`, on whichever database the suite runs on.

The backup is taken from the test database by the command, in this process (as while the app
runs); the restore runs as an operator would run it, `dangbo restore` in a process of its own
with DATABASE_URL naming an empty database: a fresh SQLite file, or a PostgreSQL database
created here and dropped after.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from io import StringIO
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from dangbo.demo.users import DEMO_LOGINS
from dangbo.people.models import Person
from dangbo.ratings.models import Rating
from tests.factories import PersonFactory, UserFactory

POSTGRESQL = connection.vendor == "postgresql"


def table_digests(cursor, vendor: str, tables=None) -> dict[str, tuple[int, str]]:
    """Rows and a checksum of the rows, per table (every table when `tables` is None)."""
    if tables is None:
        if vendor == "postgresql":
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        tables = [row[0] for row in cursor.fetchall()]
    digests = {}
    for table in sorted(tables):
        name = '"' + table.replace('"', '""') + '"'
        if vendor == "postgresql":
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                f" FROM {name} t"
            )
            digests[table] = tuple(cursor.fetchone())
        else:
            # Each value as SQLite quotes it, so that Django's type converters play no part.
            cursor.execute(f"PRAGMA table_info({name})")
            columns = " || '|' || ".join(
                'quote("' + row[1].replace('"', '""') + '")' for row in cursor.fetchall()
            )
            cursor.execute(f"SELECT {columns} FROM {name}")
            rows = sorted(row[0] for row in cursor.fetchall())
            digests[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return digests


def source_digests() -> dict[str, tuple[int, str]]:
    with connection.cursor() as cursor:
        return table_digests(cursor, connection.vendor)


class EmptyDatabase:
    """A database with nothing in it, that `dangbo restore` can be pointed at."""

    def __init__(self, tmp_path):
        self.settings = dict(connection.settings_dict)
        if POSTGRESQL:
            base = self.settings["NAME"].removeprefix("test_")
            self.name = f"{base}_restore_{uuid.uuid4().hex[:8]}"
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.name}"')
            s = self.settings
            auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s["PASSWORD"] else "")
            self.url = (
                f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{self.name}"
            )
        else:
            self.name = str(tmp_path / "restored.sqlite3")
            self.url = f"sqlite:///{self.name}"

    def digests(self) -> dict[str, tuple[int, str]]:
        if POSTGRESQL:
            s = self.settings
            with (
                psycopg.connect(
                    dbname=self.name,
                    user=s["USER"] or None,
                    password=s["PASSWORD"] or None,
                    host=s["HOST"] or None,
                    port=s["PORT"] or None,
                ) as db,
                db.cursor() as cursor,
            ):
                return table_digests(cursor, "postgresql")
        db = sqlite3.connect(self.name)
        try:
            return table_digests(db.cursor(), "sqlite")
        finally:
            db.close()

    def drop(self):
        if POSTGRESQL:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def empty_database(transactional_db, tmp_path):
    database = EmptyDatabase(tmp_path)
    yield database
    database.drop()


def dangbo(*args, database: EmptyDatabase, tmp_path) -> subprocess.CompletedProcess:
    env = dict(os.environ, DATABASE_URL=database.url, DANGBO_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run(
        [sys.executable, "-m", "dangbo", *args], capture_output=True, text=True, env=env
    )


def backup(path) -> str:
    out = StringIO()
    call_command("backup", str(path), stdout=out)
    return out.getvalue()


def test_the_demo_restores_row_for_row_into_an_empty_database(empty_database, tmp_path):
    call_command("demo", "--no-serve", stdout=StringIO(), stderr=StringIO())
    before = source_digests()
    path = tmp_path / ("demo.dump" if POSTGRESQL else "demo.sqlite3")

    printed = backup(path)
    assert "192" in printed  # the people, among the counts it read back from the file

    result = dangbo("restore", str(path), database=empty_database, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "192" in result.stdout
    restored = empty_database.digests()
    assert restored == before
    # What a dataset export leaves out is in the backup: the logins and the audit log.
    assert restored["accounts_user"][0] == len(DEMO_LOGINS)
    assert restored["wagtailcore_modellogentry"][0] > 500

    again = dangbo("restore", str(path), database=empty_database, tmp_path=tmp_path)
    assert again.returncode == 1
    assert "--force" in again.stderr and "Traceback" not in again.stderr
    assert empty_database.digests() == before


def test_check_lists_tables_and_rows_without_touching_the_database(transactional_db, tmp_path):
    PersonFactory.create_batch(3)
    path = tmp_path / "backup"
    backup(path)
    Person.objects.all().delete()

    out = StringIO()
    with translation.override("vi"):
        call_command("restore", str(path), "--check", stdout=out)
    lines = dict(line.split() for line in out.getvalue().splitlines() if line.startswith("  "))
    assert lines["people_person"] == "3"
    assert lines["django_migrations"] != "0"
    assert not Person.objects.exists()  # --check restored nothing


def test_force_replaces_everything_with_the_backup(transactional_db, tmp_path):
    PersonFactory.create_batch(4)
    UserFactory(username="kept.in.backup")
    before = source_digests()
    path = tmp_path / "backup"
    backup(path)

    Person.objects.all().delete()
    UserFactory(username="made.after.backup")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE stray_after_backup (x integer)")

    call_command("restore", str(path), "--force", stdout=StringIO())
    assert source_digests() == before
    assert Person.objects.count() == 4
    assert "stray_after_backup" not in connection.introspection.table_names()


def test_restore_refuses_a_database_that_is_not_empty_in_vietnamese(transactional_db, tmp_path):
    PersonFactory()
    path = tmp_path / "backup"
    backup(path)
    PersonFactory.create_batch(2)
    with translation.override("vi"), pytest.raises(CommandError) as refused:
        call_command("restore", str(path), stdout=StringIO())
    assert "không trống" in str(refused.value) and "--force" in str(refused.value)
    assert Person.objects.count() == 3  # nothing changed


def test_restore_checks_the_file_before_touching_anything(transactional_db, tmp_path):
    PersonFactory.create_batch(2)
    path = tmp_path / "backup"
    backup(path)
    before = source_digests()

    text = tmp_path / "notes.txt"
    text.write_text("không phải bản sao lưu")
    other_kind = tmp_path / "other"
    if POSTGRESQL:
        sqlite3.connect(other_kind).execute("CREATE TABLE django_migrations (id integer)")
    else:
        other_kind.write_bytes(b"PGDMP" + b"\0" * 100)
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE notes (x text)")
    cut = tmp_path / "cut"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 3])

    expected = {
        text: "không phải là bản sao lưu",
        other_kind: "PostgreSQL" if POSTGRESQL else "SQLite",
        cut: str(cut),
        tmp_path / "missing": "không có tệp",
    }
    if not POSTGRESQL:
        expected[foreign] = "django_migrations"
    for bad, words in expected.items():
        with translation.override("vi"), pytest.raises(CommandError) as refused:
            call_command("restore", str(bad), "--force", stdout=StringIO())
        assert words in str(refused.value), (bad, str(refused.value))
        assert str(bad) in str(refused.value)
    assert source_digests() == before
    assert Rating.objects.count() == 0


def test_backup_overwrites_an_older_backup_but_no_other_file(transactional_db, tmp_path):
    path = tmp_path / "backup"
    backup(path)
    PersonFactory()
    backup(path)  # an older backup under the same name: replaced
    notes = tmp_path / "notes.txt"
    notes.write_text("giữ nguyên")
    with translation.override("vi"), pytest.raises(CommandError) as refused:
        call_command("backup", str(notes), stdout=StringIO())
    assert "không phải là bản sao lưu" in str(refused.value)
    assert notes.read_text() == "giữ nguyên"
    assert not list(tmp_path.glob(".*partial"))
    out = StringIO()
    call_command("restore", str(path), "--check", stdout=out)
    assert any(line.split() == ["people_person", "1"] for line in out.getvalue().splitlines())
