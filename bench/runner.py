"""What every benchmark's `main` shares: each database in a child process (Django is set up
once per process) on a fresh SQLite file and a fresh PostgreSQL database, dropped after.

    run_on_databases("bench.home_bench", [...worker args...], options, "dangbo_bench_home")

`options` holds `no_sqlite`, `no_postgres` and `db_suffix` (appended to the PostgreSQL
database's name, so that two checkouts can run the same bench at once on one server).
"""

import argparse
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def bench_parser() -> argparse.ArgumentParser:
    """The options every benchmark takes (size, repeats, which databases)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    add_database_options(parser)
    return parser


def add_database_options(parser) -> None:
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--db-suffix", default="", help="appended to the PostgreSQL database's name"
    )


def run_on_databases(module: str, worker_args: list[str], options, pg_name: str) -> None:
    """Run `python -m module --worker ...` on SQLite then PostgreSQL; exit 1 if one failed."""
    args = [sys.executable, "-m", module, "--worker", *worker_args]
    pg_name += options.db_suffix
    work = Path(tempfile.mkdtemp(prefix=f"dangbo-{module.rsplit('.', 1)[-1]}-"))
    env = dict(os.environ, DANGBO_DATA_DIR=str(work), DJANGO_SETTINGS_MODULE="dangbo.settings")
    env.pop("DATABASE_URL", None)
    failed = False
    try:
        if not options.no_sqlite:
            failed |= subprocess.run(args, env=env, cwd=ROOT).returncode != 0
        if not options.no_postgres:
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as con:
                con.execute(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")
                con.execute(f"CREATE DATABASE {pg_name}")
            try:
                env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
                failed |= subprocess.run(args, env=env, cwd=ROOT).returncode != 0
            finally:
                with psycopg.connect(PG_ADMIN, autocommit=True) as con:
                    con.execute(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


def bench_main(module: str, worker, pg_name: str, *, parser=None, about="", extra=None):
    """A benchmark's `main`: in the child, `worker(options)`; in the parent, the banner and
    one child per database, with the size, repeats and `extra(options)` arguments."""
    parser = parser or bench_parser()
    options = parser.parse_args()
    if options.worker:
        worker(options)
        return
    print(f"{options.people:,} people{about}; best of {options.repeat}", flush=True)
    args = ["--people", str(options.people), "--repeat", str(options.repeat)]
    run_on_databases(module, [*args, *(extra(options) if extra else [])], options, pg_name)


def best_of(fn, repeat):
    """(the best time of `repeat` calls of `fn`, in seconds, what the last one returned)."""
    best, result = None, None
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, result
