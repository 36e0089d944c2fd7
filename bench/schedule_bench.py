"""The daily schedule at scale (issue 11): what one day and a catch-up cost, beside the
reviews each day runs.

    .venv/bin/python -m bench.schedule_bench --people 1000000 [--no-postgres] [--days 14]

Same dataset and raw load as bench/review_bench.py, on a fresh SQLite file and a fresh
PostgreSQL database (`dangbo_bench_schedule`, dropped after), each in a child process
(bench/runner.py), with the logins of bench/home_bench.py (so that notices have people to
reach). The day is 18/03/2025, seven days before the 2025Q1 reports are due (a reminder
day); the catch-up then covers the --days days after it, the overdue day (26/03) among them.

- the raw baselines: the tenure review and the supervision review of 2025Q1 as of the day,
  best of --repeat (the two reviews a day runs);
- each part of one day's findings (`notices.daily.Day`): supervision, expiries, rotations,
  tenures;
- the day itself (`schedule_day`: findings, notices, its row), the first time and again (the
  second finds everything made already);
- a catch-up of --days days (`schedule_run`), per day.
"""

import os
import time
from datetime import date, timedelta

from bench.runner import bench_main, bench_parser, best_of

PG_NAME = "dangbo_bench_schedule"
DAY = date(2025, 3, 18)


def measure(label: str, repeat: int, days: int) -> None:
    from bench.home_bench import users
    from dangbo.notices.daily import Day
    from dangbo.notices.models import Notice
    from dangbo.notices.services import schedule_day, schedule_run
    from dangbo.org.scope import OPERATOR
    from dangbo.reviews.supervision import supervision_rows
    from dangbo.reviews.tenure import tenure_findings

    users()

    def line(what, seconds, base=None):
        ratio = f" | × tenure review {seconds / base:5.2f}" if base else ""
        print(f"{label:10} {what:48} {seconds * 1000:9.1f} ms{ratio}", flush=True)

    t_tenure, findings = best_of(
        lambda: tenure_findings(user=OPERATOR, as_of=DAY, include_deputies=True), repeat
    )
    line(f"tenure review ({len(findings):,} findings)", t_tenure)
    t_sup, rows = best_of(
        lambda: supervision_rows(user=OPERATOR, period="2025Q1", as_of=DAY), repeat
    )
    line(f"supervision review 2025Q1 ({len(rows):,} rows)", t_sup, t_tenure)

    for part in ("supervision", "expiries", "rotations", "tenures"):
        seconds, found = best_of(lambda part=part: getattr(Day(DAY), part)(), repeat)
        line(f"day's {part} ({len(found):,})", seconds, t_tenure)

    started = time.perf_counter()
    first = schedule_day(day=DAY)
    elapsed = time.perf_counter() - started
    line(f"the day, first time ({first.notice_count:,} notices)", elapsed, t_tenure)
    t_again, _ = best_of(lambda: schedule_day(day=DAY), repeat)
    line("the day again (nothing new)", t_again, t_tenure)

    before = Notice.objects.count()
    started = time.perf_counter()
    ran = schedule_run(day=DAY + timedelta(days=days))
    elapsed = time.perf_counter() - started
    made = Notice.objects.count() - before
    line(f"catch-up of {len(ran)} days ({made:,} notices), per day", elapsed / len(ran), t_tenure)
    print(
        f"{label:10} {'catch-up of 366 days at that rate':48} {elapsed / len(ran) * 366:9.1f} s",
        flush=True,
    )


def worker(options) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
    django.setup()
    from django.test.utils import setup_test_environment

    from bench.review_bench import migrate_and_load

    setup_test_environment()
    measure(migrate_and_load(options.people), options.repeat, options.days)


def main() -> None:
    parser = bench_parser()
    parser.add_argument("--days", type=int, default=14)
    bench_main(
        "bench.schedule_bench",
        worker,
        PG_NAME,
        parser=parser,
        extra=lambda options: ["--days", str(options.days)],
    )


if __name__ == "__main__":
    main()
