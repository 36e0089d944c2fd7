"""Documents and charts at scale (issue 10 item 5): the tenure report of a province of N
people beside the tenure review it comes from.

    .venv/bin/python -m bench.report_bench --people 1000000 [--no-postgres] [--repeat 3]

Same dataset and raw load as bench/review_bench.py, on a fresh SQLite file and a fresh
PostgreSQL database (`dangbo_bench_report`, dropped after), each in a child process
(bench/runner.py). As the province office (the bench logins of bench/home_bench.py), as of
2025-06-30 with deputies:

- the review: `REVIEWS["tenure"].run` (what the screen and `dangbo review tenure` show);
- its chart: the tenure chart of the review's rows (reports/charts/screens.tenure);
- the document's content: `KINDS["tenure"].build` (the review, the figures, the annex);
- the .docx and the .xlsx of that content (reports/engine.render_docx, reports/xlsx);
- the whole issue through the register's service (`document_issue`: number, both files,
  the register entry), once.

Time: best of --repeat; memory: tracemalloc peak of one more run (Python allocations), so
that the document's cost reads against the review's in the same run.
"""

import os
import tracemalloc
from datetime import date

from bench.runner import bench_main, best_of

PG_NAME = "dangbo_bench_report"
OPTIONS = {"as_of": date(2025, 6, 30), "include_deputies": True}


def _measure(fn, repeat):
    best, result = best_of(fn, repeat)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak, result


def measure(label: str, repeat: int) -> None:
    from bench.home_bench import users
    from dangbo.org.models import Unit
    from dangbo.reports.charts.screens import tenure as tenure_chart
    from dangbo.reports.engine import Issue, render_docx
    from dangbo.reports.kinds import KINDS
    from dangbo.reports.services import document_issue, readable_twice
    from dangbo.reports.xlsx import render_xlsx
    from dangbo.reviews.registry import REVIEWS

    user = next(u for role, u, _ in users() if role == "province office")
    unit = Unit.objects.get(code="T")
    kind = KINDS["tenure"]
    issue = Issue(
        superior_body="ĐẢNG BỘ TỈNH",
        issuing_body="BAN TỔ CHỨC",
        number_text="01-BC/BTCTU",
        place="Vinh",
        issued_on=date(2025, 7, 1),
        signer_title="TRƯỞNG BAN",
        signer_name="Người ký",
    )

    def line(what, seconds, peak, base=None):
        ratio = f" | × review {seconds / base:5.2f}" if base else ""
        print(
            f"{label:10} {what:44} {seconds * 1000:9.1f} ms | peak {peak / 2**20:7.1f} MB{ratio}",
            flush=True,
        )

    review = REVIEWS["tenure"]
    t_review, m_review, rows = _measure(lambda: review.run(user=user, options=OPTIONS), repeat)
    line(f"tenure review ({len(rows):,} rows)", t_review, m_review)
    t_chart, m_chart, _ = _measure(lambda: tenure_chart(rows), repeat)
    line("its chart (from the review's rows)", t_chart, m_chart)
    t_content, m_content, content = _measure(
        lambda: readable_twice(kind.build(user=user, unit=unit, options=OPTIONS)), repeat
    )
    annex = len(list(content.tables[0].rows))
    line(
        f"document content (review + figures, {annex:,} annex rows)", t_content, m_content, t_review
    )
    t_docx, m_docx, docx = _measure(lambda: render_docx(content, issue), repeat)
    line(f".docx of it ({len(docx) / 2**20:.1f} MB)", t_docx, m_docx, t_review)
    t_xlsx, m_xlsx, xlsx = _measure(lambda: render_xlsx(content), repeat)
    line(f".xlsx of it ({len(xlsx) / 2**20:.1f} MB)", t_xlsx, m_xlsx, t_review)

    counter = iter(range(10_000))

    def issue_once():
        return document_issue(
            actor=user,
            kind=kind,
            unit=unit,
            options=OPTIONS,
            data={
                "superior_body": "ĐẢNG BỘ TỈNH",
                "issuing_body": "BAN TỔ CHỨC",
                "abbreviation": "BTCTU",
                "place": "Vinh",
                "signer_title": "TRƯỞNG BAN",
                "signer_name": "Người ký",
                "author": "Ban Tổ chức Tỉnh uỷ",
                "on_behalf": "",
                "recipients": ["Thường trực Tỉnh uỷ"],
                "issued_on": date(2025, 7, 1 + next(counter) % 28),
            },
        )

    t_issue, m_issue, _ = _measure(issue_once, 1)
    line("whole issue: content, .docx, .xlsx, register", t_issue, m_issue, t_review)


def worker(options) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
    django.setup()
    from django.test.utils import setup_test_environment

    from bench.review_bench import migrate_and_load

    setup_test_environment()
    measure(migrate_and_load(options.people), options.repeat)


def main() -> None:
    bench_main("bench.report_bench", worker, PG_NAME)


if __name__ == "__main__":
    main()
