"""Home and list benchmark: each role's home and the main lists through the Django test
client, beside a plain query of the same rows (PRODUCT.md: under 300 ms at 1,000,000 people).

    .venv/bin/python -m bench.home_bench --people 1000000 [--no-postgres] [--repeat 5]

Same dataset and raw load as bench/review_bench.py (N people in ~N/100 communes under 10
districts, posts, rotations, assessments, supervision, cases, ratings), on a fresh SQLite
file and a fresh PostgreSQL database (`dangbo_bench_home`, dropped after), each in a child
process. Then logins like the demo's: the office of a district (btc.huyen), a commune
secretary, a committee member of the district (linked to a person with assignments), the
inspection commission of the district and the province office (btc.tinhuy). For each:
GET /admin/ as that user, cold (the cache of review findings cleared: every review runs)
and warm (findings kept, FINDINGS_SECONDS), best of --repeat; beside it the plain queries
of the home's counts on one raw cursor (units and members by path prefix). Lists (as the
province office): people and units page 1, with and without a search, beside the raw
SELECT of the same page and its COUNT (what the paginator asks).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "dangbo_bench_home"
PAGE = 20
TERM = "nguyen van an"


def best_of(fn, repeat):
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t
        best = dt if best is None or dt < best else best
    return best, result


def _rows(sql, params=()):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def users():
    """(label, user, the path its counts are of) for each role measured."""
    from dangbo.accounts.models import Grant, User, UserRole
    from dangbo.org.models import Unit
    from dangbo.supervision.models import SupervisionAssignment

    district = Unit.objects.get(code="H0")
    commune = Unit.objects.filter(parent=district).order_by("pk").first()
    province = Unit.objects.get(code="T")
    member = (
        SupervisionAssignment.objects.filter(unit__path__startswith=district.path)
        .order_by("pk")
        .values_list("person_id", flat=True)
        .first()
    )
    wanted = [
        ("office of a district", "b.office", UserRole.ORGANIZATION_OFFICE, district, None),
        ("commune secretary", "b.secretary", UserRole.GRASSROOTS_SECRETARY, commune, None),
        ("committee member", "b.member", UserRole.COMMITTEE_MEMBER, district, member),
        ("inspection commission", "b.inspection", UserRole.INSPECTION, district, None),
        ("province office", "b.province", UserRole.ORGANIZATION_OFFICE, province, None),
    ]
    result = []
    for label, name, role, unit, person in wanted:
        user = User.objects.create(username=name, person_id=person)
        Grant.objects.create(user=user, unit=unit, role=role)
        result.append((label, user, unit.path))
    return result


def baseline_counts(path):
    """The home's counts as plain SQL: units and members of the subtree."""
    units = _rows("SELECT COUNT(*) FROM org_unit WHERE path LIKE %s", [path + "%"])
    members = _rows(
        "SELECT COUNT(*) FROM people_person p JOIN org_unit u ON u.id = p.unit_id "
        "WHERE u.path LIKE %s",
        [path + "%"],
    )
    return units[0][0], members[0][0]


def baseline_people(path, term=None):
    where, params = "u.path LIKE %s", [path + "%"]
    for word in (term or "").split():
        where += " AND p.search_text LIKE %s"
        params.append(f"%{word}%")
    count = _rows(
        f"SELECT COUNT(*) FROM people_person p JOIN org_unit u ON u.id = p.unit_id WHERE {where}",
        params,
    )
    page = _rows(
        "SELECT p.id, p.code, p.full_name, p.gender, p.birth_date, u.name FROM people_person p "
        f"JOIN org_unit u ON u.id = p.unit_id WHERE {where} ORDER BY p.code LIMIT {PAGE}",
        params,
    )
    return count, page


def baseline_units(path, term=None):
    where, params = "path LIKE %s", [path + "%"]
    for word in (term or "").split():
        where += " AND search_text LIKE %s"
        params.append(f"%{word}%")
    count = _rows(f"SELECT COUNT(*) FROM org_unit WHERE {where}", params)
    page = _rows(
        f"SELECT id, code, name, kind FROM org_unit WHERE {where} ORDER BY path LIMIT {PAGE}",
        params,
    )
    return count, page


def worker(options) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.review_bench import load

    setup_test_environment()
    label = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    counts = load(options.people)
    loaded = time.perf_counter()
    print(
        f"{label}: migrate {migrated - started:.1f} s; loaded {sum(counts.values()):,} rows "
        f"in {loaded - migrated:.1f} s",
        flush=True,
    )

    def get(client, url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return run

    def line(what, t, base):
        ratio = t / base if base else float("nan")
        mark = "" if t < 0.3 else " ✗"
        print(
            f"{label:10} {what:44} {t * 1000:8.1f} ms{mark} | plain {base * 1000:7.1f} ms "
            f"| ratio {ratio:6.1f}",
            flush=True,
        )

    province_client = None
    for role, user, path in users():
        client = Client()
        client.force_login(user)
        t_base, _ = best_of(lambda path=path: baseline_counts(path), options.repeat)

        def cold(client=client):
            cache.clear()
            return get(client, "/admin/")()

        t_cold, _ = best_of(cold, options.repeat)
        get(client, "/admin/")()
        t_warm, _ = best_of(get(client, "/admin/"), options.repeat)
        line(f"home, {role} (cold)", t_cold, t_base)
        line(f"home, {role} (warm)", t_warm, t_base)
        if role == "province office":
            province_client, province_path = client, path
    for what, url, base in [
        ("people list page 1", "/admin/person/", lambda: baseline_people(province_path)),
        (
            f"people list, search '{TERM}'",
            f"/admin/person/?q={TERM.replace(' ', '+')}",
            lambda: baseline_people(province_path, TERM),
        ),
        ("units list page 1", "/admin/unit/", lambda: baseline_units(province_path)),
        (
            "units list, search 'xa so 12'",
            "/admin/unit/?q=xa+so+12",
            lambda: baseline_units(province_path, "xa so 12"),
        ),
        (
            f"home search '{TERM}'",
            f"/admin/search/?q={TERM.replace(' ', '+')}",
            lambda: baseline_people(province_path, TERM),
        ),
    ]:
        get(province_client, url)()
        t_view, _ = best_of(get(province_client, url), options.repeat)
        t_base, _ = best_of(base, options.repeat)
        line(what, t_view, t_base)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        worker(options)
        return
    args = [sys.executable, "-m", "bench.home_bench", "--worker", "--people"]
    args += [str(options.people), "--repeat", str(options.repeat)]
    print(f"{options.people:,} people; best of {options.repeat}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="dangbo-home-bench-"))
    env = dict(os.environ, DANGBO_DATA_DIR=str(work), DJANGO_SETTINGS_MODULE="dangbo.settings")
    env.pop("DATABASE_URL", None)
    failed = False
    try:
        if not options.no_sqlite:
            failed |= subprocess.run(args, env=env, cwd=ROOT).returncode != 0
        if not options.no_postgres:
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as con:
                con.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
                con.execute(f"CREATE DATABASE {PG_NAME}")
            try:
                env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
                failed |= subprocess.run(args, env=env, cwd=ROOT).returncode != 0
            finally:
                with psycopg.connect(PG_ADMIN, autocommit=True) as con:
                    con.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
