"""Import benchmark: `dangbo import` against a raw bulk load of the same rows (PRODUCT.md).

    .venv/bin/python -m bench.import_bench --people 100000 [--no-postgres] [--repeat 3]

Generates N people with one post each in ~N/100 units as CSV files (streamed), then on a
fresh SQLite file and a fresh PostgreSQL database (127.0.0.1:5432, user postgres) measures
(a) a raw load of the rows into the same tables (sqlite3 executemany, psycopg COPY) and
(b) `dangbo import` in a subprocess, with its peak memory read from /proc.
"""

import argparse
import csv
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from dangbo.interchange.textfold import fast_fold as fold  # = dangbo.core.text.fold, faster

ROOT = Path(__file__).resolve().parent.parent
DANGBO = str(ROOT / ".venv" / "bin" / "dangbo")
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Đình Cường", "Thị Dung", "Công Đức", "Thị Hương", "Quang Huy"]


def generate(folder: Path, people: int) -> dict[str, int]:
    units = max(people // 100, 11)
    districts = 10
    with open(folder / "units.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "kind", "parent_code", "valid_from", "valid_to"])
        w.writerow(["T", "Tỉnh ủy", "province_committee", "", "", ""])
        for d in range(districts):
            w.writerow([f"H{d}", f"Huyện ủy số {d}", "district_committee", "T", "", ""])
        for u in range(units - 1 - districts):
            w.writerow(
                [f"X{u}", f"Đảng bộ xã số {u}", "grassroots_committee", f"H{u % 10}", "", ""]
            )
    communes = units - 1 - districts
    with (
        open(folder / "people.csv", "w", newline="", encoding="utf-8") as fp,
        open(folder / "positions.csv", "w", newline="", encoding="utf-8") as fq,
    ):
        wp, wq = csv.writer(fp, lineterminator="\n"), csv.writer(fq, lineterminator="\n")
        wp.writerow(
            [
                "code",
                "full_name",
                "gender",
                "birth_date",
                "ethnicity",
                "hometown",
                "party_join_date",
                "party_official_date",
                "unit_code",
            ]
        )
        wq.writerow(["person_code", "unit_code", "role", "start_date", "title", "end_date"])
        for i in range(people):
            unit = f"X{i % communes}"
            name = f"{FAMILY[i % 10]} {GIVEN[i % 7]} {i}"
            wp.writerow(
                [
                    f"P{i:07d}",
                    name,
                    "MF"[i % 2],
                    f"19{60 + i % 30}-0{1 + i % 9}-1{i % 9}",
                    "Kinh",
                    "Nghệ An",
                    f"20{10 + i % 10}-03-02",
                    "",
                    unit,
                ]
            )
            role = "head" if i % 100 == 0 else "member"
            wq.writerow([f"P{i:07d}", unit, role, "2020-01-01", "", ""])
    return {"units": units, "people": people, "positions": people}


def rows(folder: Path, name: str):
    with open(folder / f"{name}.csv", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        yield from reader


def raw_rows(folder: Path):
    """The rows as the tables hold them, ids given: what a hand-written loader would do."""
    unit_ids, paths, units = {}, {}, []
    for pk, (code, name, kind, parent, _f, _t) in enumerate(rows(folder, "units"), start=1):
        unit_ids[code] = pk
        paths[code] = f"{paths.get(parent, '/')}{pk}/"  # org.models.build_path
        units.append(
            (
                pk,
                code,
                name,
                kind,
                unit_ids.get(parent),
                None,
                None,
                paths[code],
                fold(f"{code} {name}"),
            )
        )
    people, person_ids = [], {}
    for pk, r in enumerate(rows(folder, "people"), start=1):
        person_ids[r[0]] = pk
        people.append(
            (
                pk,
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7] or None,
                unit_ids[r[8]],
                fold(f"{r[0]} {r[1]}"),
            )
        )
    positions = [
        (pk, person_ids[r[0]], unit_ids[r[1]], r[2], r[4], r[3], None)
        for pk, r in enumerate(rows(folder, "positions"), start=1)
    ]
    return units, people, positions


UNIT_COLS = "id, code, name, kind, parent_id, valid_from, valid_to, path, search_text"
PERSON_COLS = (
    "id, code, full_name, gender, birth_date, ethnicity, hometown, party_join_date, "
    "party_official_date, unit_id, search_text"
)
POSITION_COLS = "id, person_id, unit_id, role, title, start_date, end_date"
TABLES = (
    ("org_unit", UNIT_COLS),
    ("people_person", PERSON_COLS),
    ("people_position", POSITION_COLS),
)


def raw_sqlite(db: Path, folder: Path) -> float:
    started = time.perf_counter()
    data = raw_rows(folder)
    con = sqlite3.connect(db)
    with con:
        for (table, cols), table_rows in zip(TABLES, data, strict=True):
            marks = ", ".join("?" * len(cols.split(",")))
            con.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", table_rows)
    con.close()
    return time.perf_counter() - started


def raw_postgres(url: str, folder: Path) -> float:
    started = time.perf_counter()
    data = raw_rows(folder)
    with psycopg.connect(url) as con, con.cursor() as cur:
        for (table, cols), table_rows in zip(TABLES, data, strict=True):
            with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in table_rows:
                    copy.write_row(row)
    return time.perf_counter() - started


def dangbo(env: dict, *args) -> tuple[float, int]:
    """Seconds and peak resident memory (MB) of one `dangbo` command.

    The memory is the command's peak (VmHWM) plus the largest memory of its own (private
    pages, sampled) of each process it forks (the check beside, interchange/beside.py):
    pages a copy shares with the command are counted once.
    """
    started = time.perf_counter()
    proc = subprocess.Popen([DANGBO, *args], env=env, stdout=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        try:
            children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        except OSError:
            children = []
        peaks[proc.pid] = max(peaks.get(proc.pid, 0), _peak_mb(proc.pid))
        for pid in map(int, children):
            peaks[pid] = max(peaks.get(pid, 0), _private_mb(pid))
        time.sleep(0.2)
    if proc.returncode != 0:
        sys.exit(f"dangbo {' '.join(args)} failed")
    return time.perf_counter() - started, sum(peaks.values())


def _private_mb(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0  # ended meanwhile
    return sum(int(line.split()[1]) for line in lines if line.startswith("Private_")) // 1024


def _peak_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass  # ended meanwhile
    return 0


def report(label: str, total_rows: int, raw: float, imported: float, peak: int) -> None:
    print(
        f"{label:10} raw {total_rows / raw:>9,.0f} rows/s ({raw:6.1f} s) | import "
        f"{total_rows / imported:>9,.0f} rows/s ({imported:6.1f} s) | import/raw "
        f"{raw / imported:.2f} | peak RSS {peak} MB (with the check beside)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="best of N runs of each, raw and import alternating"
    )
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dangbo-bench-"))
    try:
        data = work / "data"
        data.mkdir()
        counts = generate(data, options.people)
        total = sum(counts.values())
        size = sum(f.stat().st_size for f in data.iterdir()) / 1e6
        print(
            f"{options.people:,} people, {counts['units']:,} units, {total:,} rows, "
            f"{size:.0f} MB of CSV",
            flush=True,
        )
        env = dict(os.environ, DANGBO_DATA_DIR=str(work), DJANGO_SETTINGS_MODULE="dangbo.settings")
        env.pop("DATABASE_URL", None)
        dangbo(env, "migrate", "-v0")
        empty = work / "empty.sqlite3"
        shutil.copy(work / "dangbo.sqlite3", empty)

        def fresh_sqlite():
            for suffix in ("-wal", "-shm"):
                (work / f"dangbo.sqlite3{suffix}").unlink(missing_ok=True)
            shutil.copy(empty, work / "dangbo.sqlite3")

        def raw_sqlite_run():
            fresh_sqlite()
            return raw_sqlite(work / "dangbo.sqlite3", data)

        def import_sqlite_run():
            fresh_sqlite()
            return dangbo(env, "import", str(data), "--quiet")

        best("SQLite", total, options.repeat, raw_sqlite_run, import_sqlite_run)
        if not options.no_postgres:
            name = f"dangbo_bench_{os.getpid()}"
            url = f"postgres://postgres@127.0.0.1:5432/{name}"
            pg_env = dict(env, DATABASE_URL=url)

            def fresh_postgres():
                with psycopg.connect(PG_ADMIN, autocommit=True) as con:
                    con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                    con.execute(f"CREATE DATABASE {name}")
                dangbo(pg_env, "migrate", "-v0")

            def raw_postgres_run():
                fresh_postgres()
                return raw_postgres(url, data)

            def import_postgres_run():
                fresh_postgres()
                return dangbo(pg_env, "import", str(data), "--quiet")

            try:
                best("PostgreSQL", total, options.repeat, raw_postgres_run, import_postgres_run)
            finally:
                with psycopg.connect(PG_ADMIN, autocommit=True) as con:
                    con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def best(label: str, total: int, repeat: int, raw_run, import_run) -> None:
    """Best of `repeat` runs of each, alternating, so that a busy spell of this shared
    machine does not fall on one side only; every run is printed."""
    raws, imports = [], []
    for _ in range(repeat):
        raws.append(raw_run())
        imports.append(import_run())
        if repeat > 1:
            print(f"  {label} run: raw {raws[-1]:.1f} s, import {imports[-1][0]:.1f} s", flush=True)
    imported, peak = min(imports)
    report(label, total, min(raws), imported, max(p for _t, p in imports))


if __name__ == "__main__":
    main()
