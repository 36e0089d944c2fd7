"""Sub-site benchmark (issue 9 item 7): gunicorn with several workers on 127.0.0.1 and a
small load generator (threads, http.client; bounded in requests and seconds).

    .venv/bin/python -m bench.portal_bench --articles 100000 [--no-postgres] [--workers 3]

On a fresh SQLite file and a fresh PostgreSQL database (`dangbo_bench_portal`, dropped
after), each in a child process: the two sub-sites of the tests (tests/portal/sites.py),
N articles in one category written in bulk and indexed for search, then gunicorn serves and
the generator measures, in the same run: the cached home and article (anonymous, as a
reader), the same pages uncached (an extra query parameter bypasses the cache — the
baseline beside), and the search. Targets: cached ≥ 10× the uncached rate, uncached article
p95 < 100 ms, search p95 < 200 ms on PostgreSQL.
"""

import argparse
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.runner import run_on_databases

ROOT = Path(__file__).resolve().parent.parent
PG_NAME = os.environ.get("DANGBO_BENCH_PG_NAME", "dangbo_bench_portal")
HOST = "127.0.0.1:8000"
_TEXT = (
    "Đảng bộ xã Tân Kỳ Nghệ An đại hội nhiệm kỳ chi bộ sinh hoạt chuyên đề kiện toàn "
    "cấp ủy cán bộ đảng viên kết nạp tổ chức cơ sở thương binh liệt sĩ củng cố phong trào "
    "thi đua nông thôn mới học tập làm theo tư tưởng đạo đức phong cách Hồ Chí Minh"
)
WORDS = tuple(_TEXT.split(" "))
SEARCHES = ("dai hoi dang bo", "tan ky", "nghe an", "thuong binh liet si", "Đảng viên")


def title(i: int) -> str:
    # Three to six words drawn from WORDS by the article's number: varied, reproducible.
    picks = [WORDS[(i * 7 + k * 13) % len(WORDS)] for k in range(3 + i % 4)]
    return f"{' '.join(picks).capitalize()} ({i})"


def load(articles: int) -> dict:
    import datetime

    from wagtail.search.backends import get_search_backend

    from dangbo.portal.models import ArticlePage
    from tests.portal.sites import article, bulk_articles, portal_sites

    sites = portal_sites()
    article(sites.board_category, "Tân Kỳ đổi mới", lead="Sapo.", body="<p>Thân bài.</p>")
    bulk_articles(
        sites.board_category, articles, titles=title, first_date=datetime.date(2026, 1, 1)
    )
    from django.db import connection

    if connection.vendor == "postgresql":
        index_postgres(ArticlePage)
    else:
        index = get_search_backend().get_index_for_model(ArticlePage)
        pks = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), 2000):
            chunk = ArticlePage.objects.filter(pk__in=pks[start : start + 2000])
            index.add_items(ArticlePage, list(chunk))
    # Fresh statistics, as autovacuum (PostgreSQL) would have them: without them the
    # planner takes the category for a few rows and loops over 100,000.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # An article among the bulk ones (the 500th, or the last of a smaller set).
    return {"article": f"/tin-hoat-dong/bai-{min(500, articles)}/", "home": "/"}


def index_postgres(model) -> None:
    """The articles' search index entries written in one statement per 5,000 rows (what
    Wagtail's indexer writes, vectors computed by PostgreSQL): the backend's indexer writes
    one article at a time, hours for 100,000 on this shared machine."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.search.models import IndexEntry

    content_type = ContentType.objects.get_for_model(model).pk
    table = IndexEntry._meta.db_table
    IndexEntry.objects.filter(content_type_id=content_type).delete()
    rows = []
    for page in model.objects.order_by("pk").iterator(chunk_size=5000):
        body = f"{page.lead} {page.search_folded}"
        rows.append((content_type, str(page.pk), page.title, body, page.title, body))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                f"INSERT INTO {table} (content_type_id, object_id, title_norm, autocomplete, "
                "title, body, title_text, body_text) VALUES (%s, %s, 1.0, ''::tsvector, "
                "to_tsvector('simple', %s), to_tsvector('simple', %s), %s, %s)",
                rows[start : start + 5000],
            )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hammer(port, paths, *, threads, requests, seconds):
    """GET the paths round-robin from `threads` threads until `requests` are done or
    `seconds` have passed; (requests per second, p50 ms, p95 ms, errors)."""
    times, errors, hits, lock = [], [0], [0], threading.Lock()
    done = [0]
    deadline = time.perf_counter() + seconds

    def run(n):
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = n
        while time.perf_counter() < deadline:
            with lock:
                if done[0] >= requests:
                    break
                done[0] += 1
            path = paths(i)
            i += threads
            t = time.perf_counter()
            try:
                con.request("GET", path, headers={"Host": HOST})
                response = con.getresponse()
                response.read()
                ok = response.status == 200
                hit = response.getheader("X-Dangbo-Cache") == "hit"
            except (OSError, http.client.HTTPException):
                con.close()
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok, hit = False, False
            dt = time.perf_counter() - t
            with lock:
                times.append(dt)
                if not ok:
                    errors[0] += 1
                hits[0] += hit
        con.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    times.sort()
    p = (
        (lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000)
        if times
        else (lambda q: 0)
    )
    return len(times) / elapsed, p(0.5), p(0.95), errors[0], len(times), hits[0]


def worker(options) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    label = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    urls = load(options.articles)
    loaded = time.perf_counter()
    connection.close()
    print(
        f"{label}: migrate {migrated - started:.1f} s; {options.articles:,} articles written "
        f"and indexed in {loaded - migrated:.1f} s",
        flush=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "dangbo.wsgi:application",
            "--workers",
            str(options.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=dict(os.environ, DANGBO_ALLOWED_HOSTS="127.0.0.1,localhost,tanky.localhost"),
    )
    try:
        for _ in range(100):
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited with {server.returncode} before answering")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port}")
        bound = {
            "threads": options.threads,
            "requests": options.requests,
            "seconds": options.seconds,
        }
        # Warm every worker (imports, templates, Wagtail's site root paths) and each
        # worker's cache (this process's memory without DANGBO_REDIS_URL): until the pages
        # are hits many times in a row.
        hammer(
            port,
            lambda i: "/tim-kiem/?q=tan+ky",
            threads=2,
            requests=4 * options.workers,
            seconds=60,
        )
        for path in (urls["home"], urls["article"]):
            in_a_row, deadline = 0, time.perf_counter() + 120
            while in_a_row < 6 * options.workers and time.perf_counter() < deadline:
                *_, hit = hammer(port, lambda i, path=path: path, threads=2, requests=2, seconds=30)
                in_a_row = in_a_row + hit if hit == 2 else 0
        cases = [
            ("home, cached", lambda i: urls["home"]),
            ("home, uncached (baseline)", lambda i: f"{urls['home']}?u={i}"),
            ("article, cached", lambda i: urls["article"]),
            ("article, uncached (baseline)", lambda i: f"{urls['article']}?u={i}"),
            ("search", lambda i: "/tim-kiem/?" + urlencode({"q": SEARCHES[i % len(SEARCHES)]})),
        ]
        rates, failed = {}, 0
        for what, paths in cases:
            rate, p50, p95, errors, count, hits = hammer(port, paths, **bound)
            rates[what] = rate
            failed += errors
            print(
                f"{label:10} {what:30} {rate:8.1f} req/s  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
                f"  ({count} requests, {hits} from the cache, {errors} errors)",
                flush=True,
            )
        for page in ("home", "article"):
            ratio = rates[f"{page}, cached"] / rates[f"{page}, uncached (baseline)"]
            print(f"{label:10} {page}: cached / uncached = {ratio:.1f}×", flush=True)
        if failed:  # figures of refused or failed requests measure nothing
            raise SystemExit(f"{label}: {failed} requests failed")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000, help="at most, per measure")
    parser.add_argument("--seconds", type=float, default=20, help="at most, per measure")
    parser.add_argument("--people", type=int, help=argparse.SUPPRESS)  # bench.run passes it
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--db-suffix", default="", help="appended to the PostgreSQL database's name"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        worker(options)
        return
    worker_args = []
    for name in ("articles", "workers", "threads", "requests", "seconds"):
        worker_args += [f"--{name}", str(getattr(options, name))]
    print(
        f"{options.articles:,} articles; gunicorn {options.workers} workers; {options.threads} "
        f"threads, at most {options.requests} requests or {options.seconds:g} s per measure",
        flush=True,
    )
    run_on_databases("bench.portal_bench", worker_args, options, PG_NAME)


if __name__ == "__main__":
    main()
