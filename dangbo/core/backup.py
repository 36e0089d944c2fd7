"""Backups of the whole database (users and audit log included) and their restore.

SQLite: the online backup API (sqlite3.Connection.backup), so a backup can be taken while the
app runs and writes. PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`
piped into one `psql --single-transaction`, so a restore that fails changes nothing.
Connection parameters come from the Django connection's settings; the password goes to the
client tools in PGPASSWORD, never on their command line.

A backup is written beside its final name and renamed when complete and read back, so a
failed backup never leaves a half-written file under the name asked for.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
MAGIC = {SQLITE: b"SQLite format 3\x00", POSTGRESQL: b"PGDMP"}
KIND_NAMES = {SQLITE: "SQLite", POSTGRESQL: "PostgreSQL"}
# Every dangbo database has it; a file without it is some other program's database.
MARKER_TABLE = "django_migrations"


class BackupError(Exception):
    """Something an operator must know; nothing was changed."""


@dataclass
class BackupInfo:
    kind: str
    path: Path
    tables: dict[str, int]  # table name -> rows
    created: datetime | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def database_kind(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in KIND_NAMES:
        raise BackupError(
            _("Backups are made for SQLite and PostgreSQL only, not for %(vendor)s.")
            % {"vendor": vendor}
        )
    return vendor


def file_kind(path: Path) -> str:
    """SQLITE or POSTGRESQL from the file's first bytes; BackupError if it is neither."""
    if not path.is_file():
        raise BackupError(_("%(path)s: no such file.") % {"path": path})
    with path.open("rb") as file:
        head = file.read(16)
    for kind, magic in MAGIC.items():
        if head.startswith(magic):
            return kind
    raise BackupError(
        _(
            "%(path)s is not a dangbo backup: it is neither an SQLite database nor a "
            "PostgreSQL custom-format dump (pg_dump --format=custom)."
        )
        % {"path": path}
    )


# --- reading a backup without restoring it -------------------------------------------------


def inspect(path: Path) -> BackupInfo:
    """Open a backup and count the rows of each table; BackupError if it is not a backup."""
    path = Path(path)
    kind = file_kind(path)
    info = _inspect_sqlite(path) if kind == SQLITE else _inspect_postgresql(path)
    if MARKER_TABLE not in info.tables:
        raise BackupError(
            _("%(path)s is a database but not a dangbo one (it has no %(table)s table).")
            % {"path": path, "table": MARKER_TABLE}
        )
    return info


def _inspect_sqlite(path: Path) -> BackupInfo:
    try:
        with _sqlite_readonly(path) as db:
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise BackupError(
                    _("%(path)s is damaged: %(error)s") % {"path": path, "error": check}
                )
            names = [
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            tables = {
                name: db.execute(f'SELECT count(*) FROM "{_sqlite_ident(name)}"').fetchone()[0]
                for name in names
            }
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("%(path)s cannot be read as an SQLite database: %(error)s")
            % {"path": path, "error": error}
        ) from None
    created = timezone.localtime(datetime.fromtimestamp(path.stat().st_mtime, tz=UTC))
    return BackupInfo(SQLITE, path, tables, created)


class _sqlite_readonly:
    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> sqlite3.Connection:
        self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        return self.db

    def __exit__(self, *exc):
        self.db.close()


def _sqlite_ident(name: str) -> str:
    return name.replace('"', '""')


COPY_LINE = re.compile(r'^COPY (?:"?[^\s".]+"?\.)?"?([^\s"]+)"? \(.*\) FROM stdin;$')
CREATED_LINE = re.compile(r"^;\s+Archive created at (.+)$")


def _inspect_postgresql(path: Path) -> BackupInfo:
    listing = _run(["pg_restore", "--list", str(path)], env=_client_env({}))
    if listing.returncode != 0:
        raise BackupError(
            _("%(path)s cannot be read by pg_restore: %(error)s")
            % {"path": path, "error": _last_lines(listing.stderr)}
        )
    created = None
    tables: dict[str, int] = {}
    for line in listing.stdout.splitlines():
        if match := CREATED_LINE.match(line):
            created = _parse_pg_time(match.group(1))
        parts = line.split()
        # "215; 1259 16386 TABLE public accounts_user postgres" (not "TABLE DATA public …")
        if len(parts) >= 7 and parts[3] == "TABLE" and parts[4] != "DATA":
            tables[parts[5]] = 0
    # The rows: pg_restore writes each table's data as a COPY block, one line per row
    # (newlines inside values are escaped), ended by "\.".
    process = subprocess.Popen(
        ["pg_restore", "--data-only", "--file=-", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_client_env({}),
    )
    current = None
    for raw in process.stdout:
        if current is not None:
            if raw == b"\\.\n":
                current = None
            else:
                tables[current] += 1
        elif raw.startswith(b"COPY ") and (match := COPY_LINE.match(raw.decode().rstrip("\n"))):
            current = match.group(1)
            tables.setdefault(current, 0)
    stderr = process.stderr.read().decode()
    if process.wait() != 0:
        raise BackupError(
            _("%(path)s cannot be read by pg_restore: %(error)s")
            % {"path": path, "error": _last_lines(stderr)}
        )
    return BackupInfo(POSTGRESQL, path, dict(sorted(tables.items())), created)


def _parse_pg_time(text: str) -> datetime | None:
    # "2026-05-04 10:11:12 +07": the server's local time, then its zone (not always parseable)
    try:
        return datetime.strptime(text.strip()[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


# --- taking a backup ------------------------------------------------------------------------


def backup(path: Path, alias: str = "default") -> BackupInfo:
    """Back up the database `alias` into `path`, then read the file back and count its rows."""
    path = Path(path)
    kind = database_kind(alias)
    settings_dict = connections[alias].settings_dict
    if path.exists():
        if path.is_dir():
            raise BackupError(_("%(path)s is a folder, not a file name.") % {"path": path})
        if kind == SQLITE and _same_file(path, settings_dict["NAME"]):
            raise BackupError(
                _("%(path)s is the database itself; give the backup another name.") % {"path": path}
            )
        file_kind(path)  # overwrite an older backup, never any other file
    if not path.parent.is_dir():
        raise BackupError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
    partial = path.with_name(f".{path.name}.partial")
    try:
        if kind == SQLITE:
            _backup_sqlite(alias, partial)
        else:
            _backup_postgresql(settings_dict, partial)
        info = inspect(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    info.path = path
    return info


def _same_file(path: Path, name) -> bool:
    try:
        return Path(str(name)).exists() and os.path.samefile(path, str(name))
    except OSError:
        return False


def _backup_sqlite(alias: str, target: Path) -> None:
    connection = connections[alias]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        # One self-contained file: no -wal beside it when the backup is opened later.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def _backup_postgresql(settings_dict: dict, target: Path) -> None:
    result = _run(
        ["pg_dump", "--format=custom", "--no-password", f"--file={target}"],
        env=_client_env(settings_dict),
    )
    if result.returncode != 0:
        raise BackupError(
            _("pg_dump failed, no backup was written: %(error)s")
            % {"error": _last_lines(result.stderr)}
        )


# --- restoring ------------------------------------------------------------------------------


def database_tables(alias: str = "default") -> dict[str, int]:
    """Rows per table of the database `alias`, as it is now."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        tables = {}
        for name in names:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")
            tables[name] = cursor.fetchone()[0]
    return tables


def restore(path: Path, alias: str = "default", force: bool = False) -> BackupInfo:
    """Replace the database `alias` by the backup in `path`.

    The file is checked (kind, readable, a dangbo database) before anything is touched; a
    database with tables is replaced only with `force`.
    """
    path = Path(path)
    kind = database_kind(alias)
    if file_kind(path) != kind:
        raise BackupError(
            _(
                "%(path)s is a backup of a %(file_kind)s database, but this installation "
                "uses %(db_kind)s; nothing was changed."
            )
            % {
                "path": path,
                "file_kind": KIND_NAMES[file_kind(path)],
                "db_kind": KIND_NAMES[kind],
            }
        )
    info = inspect(path)
    existing = database_tables(alias)
    if existing and not force:
        raise BackupError(
            _(
                "The database %(name)s is not empty: it has %(tables)d tables and %(rows)d "
                "rows. Nothing was changed. To replace all of it with the backup, run the "
                "command again with --force."
            )
            % {
                "name": connections[alias].settings_dict["NAME"],
                "tables": len(existing),
                "rows": sum(existing.values()),
            }
        )
    if kind == SQLITE:
        _restore_sqlite(path, alias)
    else:
        _restore_postgresql(path, alias)
    restored = database_tables(alias)
    if restored != info.tables:
        differ = sorted(
            name
            for name in set(restored) | set(info.tables)
            if restored.get(name) != info.tables.get(name)
        )
        raise BackupError(
            _(
                "The restore ran, but the database now differs from the backup in: "
                "%(tables)s. Check the backup with `dangbo restore --check`."
            )
            % {"tables": ", ".join(differ)}
        )
    info.notes = _migration_notes(alias)
    return info


def _restore_sqlite(path: Path, alias: str) -> None:
    connection = connections[alias]
    connection.close()
    connection.ensure_connection()
    try:
        with _sqlite_readonly(path) as source:
            # Replaces every page of the target in one step, under the target's write lock.
            source.backup(connection.connection)
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("The restore failed, the database is unchanged: %(error)s") % {"error": error}
        ) from None
    finally:
        connection.close()


def _restore_postgresql(path: Path, alias: str) -> None:
    connection = connections[alias]
    drops = _postgresql_drops(alias)
    connection.close()
    env = _client_env(connection.settings_dict)
    psql = subprocess.Popen(
        [
            "psql",
            "--no-psqlrc",
            "--quiet",
            "--no-password",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            "--file=-",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    dump = subprocess.Popen(
        ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        psql.stdin.write(drops.encode())
        shutil.copyfileobj(dump.stdout, psql.stdin, 1 << 20)
        psql.stdin.close()
    except BrokenPipeError:
        pass  # psql stopped on an error; its message follows
    dump_error = dump.stderr.read().decode()
    dump.wait()
    psql_error = psql.stderr.read().decode()
    psql.wait()
    if dump.returncode != 0 or psql.returncode != 0:
        raise BackupError(
            _("The restore failed, the database is unchanged: %(error)s")
            % {"error": _last_lines(psql_error or dump_error)}
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # pg_restore brings no planner statistics


def _postgresql_drops(alias: str) -> str:
    """SQL that drops what the current schema holds, run in the restore's transaction."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relkind, c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm', 'r', 'p', 'S')"
        )
        objects = cursor.fetchall()
    statements = []
    for kinds, word in (("v", "VIEW"), ("m", "MATERIALIZED VIEW"), ("rp", "TABLE")):
        names = [quote(name) for kind, name in objects if kind in kinds]
        if names:
            statements.append(f"DROP {word} IF EXISTS {', '.join(names)} CASCADE;")
    sequences = [quote(name) for kind, name in objects if kind == "S"]
    if sequences:
        statements.append(f"DROP SEQUENCE IF EXISTS {', '.join(sequences)} CASCADE;")
    return "\n".join(statements) + "\n"


def _migration_notes(alias: str) -> list[str]:
    executor = MigrationExecutor(connections[alias])
    loader = executor.loader
    known = set(loader.graph.nodes)
    for squashed in loader.replacements.values():
        known.update(squashed.replaces)
    unknown = set(loader.applied_migrations) - known
    if unknown:
        return [
            _(
                "The backup was made by a newer dangbo (%(count)d migrations this version "
                "does not know); install that version before using it."
            )
            % {"count": len(unknown)}
        ]
    pending = executor.migration_plan(loader.graph.leaf_nodes())
    if pending:
        return [
            _(
                "The backup was made by an older dangbo: run `dangbo migrate` to bring it "
                "up to date (%(count)d migrations)."
            )
            % {"count": len(pending)}
        ]
    return []


# --- the PostgreSQL client tools ------------------------------------------------------------

_ENV = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
_OPTIONS_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


def _client_env(settings_dict: dict) -> dict:
    """The environment for pg_dump/pg_restore/psql: the connection, password included."""
    # What the settings leave out, libpq takes from PG* variables, as psycopg does for the app.
    env = dict(os.environ)
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    for key, var in _ENV.items():
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    if settings_dict.get("NAME"):
        env["PGDATABASE"] = str(settings_dict["NAME"])
    for key, var in _OPTIONS_ENV.items():
        if settings_dict.get("OPTIONS", {}).get(key):
            env[var] = str(settings_dict["OPTIONS"][key])
    return env


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    if shutil.which(args[0]) is None:
        raise BackupError(
            _(
                "%(tool)s is not installed; it comes with the PostgreSQL client "
                "(Debian: apt-get install postgresql-client)."
            )
            % {"tool": args[0]}
        )
    return subprocess.run(args, capture_output=True, text=True, env=env, check=False)


def _last_lines(text: str, count: int = 5) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " ".join(lines[-count:]) or _("(no message)")
