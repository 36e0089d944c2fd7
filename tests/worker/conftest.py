"""A database of their own for the worker tests, shared with real worker processes.

The test database of pytest-django lives in memory (SQLite) or inside a transaction that
other processes cannot see, so these tests work on a database that every process opens: a
migrated SQLite file (or PostgreSQL database, when DATABASE_URL names one), made once per
session and copied for each test. Everything is done in subprocesses: the scenario
(tests/worker/scenario.py) and the workers.
"""

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_TEST_URL = "redis://127.0.0.1:6379/14"
# A condition that never comes (a worker that hangs) fails the test instead of blocking CI.
WAIT_LIMIT = 120


def _postgres() -> dict | None:
    url = os.environ.get("DATABASE_URL", "")
    return dj_database_url.parse(url) if url.startswith("postgres") else None


def _admin_sql(config: dict, *statements: str) -> None:
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        for statement in statements:
            conn.execute(statement)


def _env(data_dir: Path, database_url: str | None, backend: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DANGBO_DATA_DIR=str(data_dir),
        DANGBO_TASKS_BACKEND=backend,
        DANGBO_REDIS_URL=REDIS_TEST_URL,
        DJANGO_SETTINGS_MODULE="dangbo.settings",
        PYTHONPATH=str(ROOT),
    )
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@pytest.fixture(scope="session")
def worker_template(tmp_path_factory):
    """(data folder, database url or None) of a migrated database, made once."""
    folder = tmp_path_factory.mktemp("worker-template")
    config = _postgres()
    url = None
    if config:
        name = f"{config['NAME']}_worker_template"
        _admin_sql(config, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        url = _url(config, name)
    subprocess.run(
        [sys.executable, "-m", "dangbo", "migrate", "-v0"],
        env=_env(folder, url, "database"),
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    yield folder, config
    if config:
        _admin_sql(config, f'DROP DATABASE IF EXISTS "{config["NAME"]}_worker_template"')


def _url(config: dict, name: str) -> str:
    auth = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
    return f"postgres://{auth}@{config['HOST']}:{config['PORT'] or 5432}/{name}"


@dataclass
class Site:
    """One test's database and data folder, and the processes started on them."""

    folder: Path
    database_url: str | None
    backend: str = "database"
    processes: list = field(default_factory=list)

    @property
    def env(self) -> dict:
        return _env(self.folder, self.database_url, self.backend)

    def do(self, action: str, *args) -> object:
        done = subprocess.run(
            [sys.executable, "-m", "tests.worker.scenario", action, *map(str, args)],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=WAIT_LIMIT,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, *args: str) -> subprocess.Popen:
        """`dangbo ARGS` in the background."""
        process = subprocess.Popen(
            [sys.executable, "-m", "dangbo", *args],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.processes.append(process)
        return process

    def start_scenario(self, action: str, *args) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.worker.scenario", action, *map(str, args)],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.processes.append(process)
        return process

    def worker(self, *extra: str) -> subprocess.Popen:
        return self.start("db_worker", "--no-startup-delay", "--interval", "0.2", *extra)

    def run_worker_until_idle(self) -> str:
        """A worker of the site's queue that takes every task queued and then stops."""
        if self.backend == "rq":
            return self.run_command("rqworker", "default", "--burst")
        return self.run_command("db_worker", "--batch", "--no-startup-delay")

    def run_command(self, *args: str) -> str:
        """`dangbo ARGS`, to its end: what it printed (it must succeed)."""
        done = subprocess.run(
            [sys.executable, "-m", "dangbo", *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=WAIT_LIMIT,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    def count(self, table: str) -> int:
        """The rows of `table`, read straight from the database (cheap enough to poll)."""
        query = f'SELECT count(*) FROM "{table}"'
        if self.database_url:
            with psycopg.connect(self.database_url) as conn:
                return conn.execute(query).fetchone()[0]
        with contextlib.closing(sqlite3.connect(self.folder / "dangbo.sqlite3")) as conn:
            return conn.execute(query).fetchone()[0]

    def writing(self) -> bool:
        """Whether another connection is inside a transaction that has written (and not yet
        committed) something."""
        if self.database_url:
            with psycopg.connect(self.database_url) as conn:
                return (
                    conn.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        " AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
                    ).fetchone()[0]
                    > 0
                )
        with contextlib.closing(sqlite3.connect(self.folder / "dangbo.sqlite3", timeout=0)) as conn:
            try:
                conn.execute("BEGIN IMMEDIATE")  # refused at once while another one writes
            except sqlite3.OperationalError:
                return True
            conn.rollback()
            return False

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                kill_with_children(process.pid)
            # Its exit collected and its pipes closed: no connection of it outlives the test.
            process.wait()
            for pipe in (process.stdout, process.stderr):
                if pipe:
                    pipe.close()


def kill_with_children(pid: int) -> None:
    """SIGKILL a process and every process under it at one moment, as when their machine
    dies. (rq's work horse is in a process group of its own: a group's kill misses it.)"""
    family, look = [], [pid]
    while look:
        current = look.pop()
        family.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        look += map(int, children)
    for sent in (signal.SIGSTOP, signal.SIGKILL):  # stopped first: none sees another die
        for member in family:
            with contextlib.suppress(ProcessLookupError):
                os.kill(member, sent)


def wait_for(condition, what: str, every: float = 0.1):
    """Poll `condition` until it is true (no timing is asserted; WAIT_LIMIT guards CI)."""
    deadline = time.monotonic() + WAIT_LIMIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"gave up waiting for {what}")


def import_is_writing(site: Site, run_id: int) -> bool:
    """Whether the import run `run_id` has reached the writing of some file (its progress,
    as the run's page reads it)."""
    for path in (site.folder / "imports" / "progress" / str(run_id)).glob("*.json"):
        try:
            files = json.loads(path.read_text())["files"]
        except (OSError, ValueError):
            continue
        if any(entry["stage"] == "write" for entry in files.values()):
            return True
    return False


def _copy(folder: Path, database: str | None, config: dict | None, to: Path, name: str) -> Site:
    """A site made from a data folder and (PostgreSQL) a database, copied."""
    shutil.copytree(folder, to)
    url = None
    if config:
        _admin_sql(
            config,
            f'DROP DATABASE IF EXISTS "{name}"',
            f'CREATE DATABASE "{name}" TEMPLATE "{database}"',
        )
        url = _url(config, name)
    return Site(to, url)


@pytest.fixture
def new_site(worker_template, tmp_path, request):
    """Make sites on a migrated, empty database: new_site() or new_site(copy_of=a_site)
    (which must have no process running: PostgreSQL copies only an unused database)."""
    template, config = worker_template
    made = []

    def make(copy_of: Site | None = None) -> Site:
        base = f"{config['NAME']}_worker_{os.getpid()}" if config else ""
        name = f"{base}_{abs(hash(request.node.nodeid)) % 10**8}_{len(made)}"
        if copy_of is None:
            source = (template, f"{config['NAME']}_worker_template" if config else None)
        else:
            source = (copy_of.folder, copy_of.database_url.rsplit("/", 1)[1] if config else None)
        current = _copy(*source, config, tmp_path / f"data{len(made)}", name)
        made.append((current, name))
        return current

    yield make
    for current, name in made:
        current.stop_all()
        if config:
            _admin_sql(config, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def site(new_site):
    """A site with two communes of a district and their organization offices."""
    current = new_site()
    current.do("setup_tree")
    return current
