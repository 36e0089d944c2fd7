"""Home and list benchmark: each role's home and the main lists through the Django test
client, beside a plain query of the same rows (PRODUCT.md: under 300 ms at 1,000,000 people).

    .venv/bin/python -m bench.home_bench --people 1000000 [--no-postgres] [--repeat 5]

Same dataset and raw load as bench/review_bench.py (N people in ~N/100 communes under 10
districts, posts, rotations, assessments, supervision, cases, ratings), on a fresh SQLite
file and a fresh PostgreSQL database (`dangbo_bench_home` + --db-suffix, dropped after), each
in a child process (bench/runner.py). Then logins like the demo's: the office of a district
(btc.huyen), a commune secretary, a committee member of the district (linked to a person
with assignments), the inspection commission of the district and the province office
(btc.tinhuy). For each:
GET /admin/ as that user, cold (the cache cleared: the page is sent without counts and
findings) then the fragment it asks for (/admin/home/reviews/, cold: every review and
count runs), and warm (counts and findings kept, FINDINGS_SECONDS), best of --repeat;
beside it the plain queries of the home's counts on one raw cursor (units and members by
path prefix). Lists (as the province office): people, posts and units page 1, with and
without a search or a unit filter, beside the raw SELECT of the same page and its COUNT
(what the paginator asks: at most 10,001 rows); the unit filter's search box
(/admin/search/units.json).
"""

import os
from types import SimpleNamespace

from bench.runner import bench_main, best_of

PG_NAME = "dangbo_bench_home"
PAGE = 20
TERM = "nguyen van an"
FRAGMENT = "/admin/home/reviews/"
COUNT_CAP = 10_000  # what the lists' paginator counts at most (core/views/pagination.py)


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
        user, created = User.objects.get_or_create(username=name, defaults={"person_id": person})
        if created:
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
        "SELECT COUNT(*) FROM (SELECT 1 FROM people_person p JOIN org_unit u ON u.id = p.unit_id "
        f"WHERE {where} LIMIT {COUNT_CAP + 1}) t",
        params,
    )
    page = _rows(
        "SELECT p.id, p.code, p.full_name, p.gender, p.birth_date, u.name FROM people_person p "
        f"JOIN org_unit u ON u.id = p.unit_id WHERE {where} ORDER BY p.code LIMIT {PAGE}",
        params,
    )
    return count, page


def baseline_posts(path, unit_path=None):
    where, params = "u.path LIKE %s", [path + "%"]
    if unit_path:
        where += " AND u.path LIKE %s"
        params.append(unit_path + "%")
    count = _rows(
        "SELECT COUNT(*) FROM (SELECT 1 FROM people_position p JOIN org_unit u ON u.id = p.unit_id "
        f"WHERE {where} LIMIT {COUNT_CAP + 1}) t",
        params,
    )
    page = _rows(
        "SELECT p.id, p.role, p.start_date, p.end_date, u.name, pe.full_name "
        "FROM people_position p JOIN org_unit u ON u.id = p.unit_id "
        f"JOIN people_person pe ON pe.id = p.person_id WHERE {where} "
        f"ORDER BY u.path, pe.code, p.start_date LIMIT {PAGE}",
        params,
    )
    return count, page


def baseline_lookup(path, term):
    where, params = "path LIKE %s", [path + "%"]
    for word in term.split():
        where += " AND search_text LIKE %s"
        params.append(f"%{word}%")
    return _rows(
        f"SELECT id, code, name FROM org_unit WHERE {where} ORDER BY name, code LIMIT 21", params
    )


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
    from django.test.utils import setup_test_environment

    from bench.review_bench import migrate_and_load

    setup_test_environment()
    measure(migrate_and_load(options.people), options.repeat)


def measure(label: str, repeat: int) -> None:
    """Each home and list on the loaded database (also callable on a database loaded
    before, in a process where Django is set up and the test environment too)."""
    from django.core.cache import cache
    from django.test import Client

    options = SimpleNamespace(repeat=repeat)

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
    people = users()
    # What any admin page costs here (menus, session, the chrome), to read the rest against.
    reference = Client()
    reference.force_login(people[1][1])
    get(reference, "/admin/account/")()
    t_ref, _ = best_of(get(reference, "/admin/account/"), options.repeat)
    line("reference: the account page (no query of ours)", t_ref, 0)
    for role, user, path in people:
        client = Client()
        client.force_login(user)
        t_base, _ = best_of(lambda path=path: baseline_counts(path), options.repeat)

        def cold(client=client):
            cache.clear()
            return get(client, "/admin/")()

        def cold_fragment(client=client):
            cache.clear()
            return get(client, FRAGMENT)()

        t_cold, response = best_of(cold, options.repeat)
        assert b"data-dangbo-fragment-url-value" in response.content  # sent without them
        t_fragment, _ = best_of(cold_fragment, options.repeat)
        get(client, FRAGMENT)()
        t_warm, response = best_of(get(client, "/admin/"), options.repeat)
        assert b"data-dangbo-fragment-url-value" not in response.content  # all in the page
        line(f"home, {role} (cold page)", t_cold, t_base)
        line(f"home, {role} (cold counts+findings)", t_fragment, t_base)
        line(f"home, {role} (warm)", t_warm, t_base)
        if role == "province office":
            province_client, province_path = client, path
        if role == "office of a district":
            district_id, district_path = user.grants.get().unit_id, path
    for what, url, base in [
        ("people list page 1", "/admin/person/", lambda: baseline_people(province_path)),
        (
            f"people list, search '{TERM}'",
            f"/admin/person/?q={TERM.replace(' ', '+')}",
            lambda: baseline_people(province_path, TERM),
        ),
        (
            "people list, unit = a district",
            f"/admin/person/?unit={district_id}",
            lambda: baseline_people(district_path),
        ),
        ("posts list page 1", "/admin/position/", lambda: baseline_posts(province_path)),
        (
            "posts list, unit = a district",
            f"/admin/position/?unit={district_id}",
            lambda: baseline_posts(province_path, district_path),
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
        (
            "unit filter's search 'xa so 12'",
            "/admin/search/units.json?q=xa+so+12",
            lambda: baseline_lookup(province_path, "xa so 12"),
        ),
    ]:
        get(province_client, url)()
        t_view, _ = best_of(get(province_client, url), options.repeat)
        t_base, _ = best_of(base, options.repeat)
        line(what, t_view, t_base)


def main() -> None:
    bench_main("bench.home_bench", worker, PG_NAME)


if __name__ == "__main__":
    main()
