"""A database of their own for the worker tests, shared with real worker processes.

The test database of pytest-django lives in memory (SQLite) or inside a transaction that
other processes cannot see, so these tests work on a database that every process opens: a
migrated SQLite file (or PostgreSQL database, when DATABASE_URL names one), made once per
session and copied for each test. Everything is done in subprocesses: the scenario
(tests/worker/scenario.py) and the workers.
"""

import json
import os
import shutil
import signal
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
        """A worker that takes every task queued and then stops (--batch)."""
        done = subprocess.run(
            [sys.executable, "-m", "dangbo", "db_worker", "--batch", "--no-startup-delay"],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=WAIT_LIMIT,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()


def wait_for(condition, what: str):
    """Poll `condition` until it is true (no timing is asserted; WAIT_LIMIT guards CI)."""
    deadline = time.monotonic() + WAIT_LIMIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def site(worker_template, tmp_path, request):
    template, config = worker_template
    folder = tmp_path / "data"
    shutil.copytree(template, folder)
    url = None
    if config:
        name = f"{config['NAME']}_worker_{os.getpid()}_{abs(hash(request.node.nodeid)) % 10**8}"
        tpl = f"{config['NAME']}_worker_template"
        _admin_sql(
            config,
            f'DROP DATABASE IF EXISTS "{name}"',
            f'CREATE DATABASE "{name}" TEMPLATE "{tpl}"',
        )
        url = _url(config, name)
    current = Site(folder, url)
    current.do("setup_tree")
    yield current
    current.stop_all()
    if config:
        _admin_sql(config, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
