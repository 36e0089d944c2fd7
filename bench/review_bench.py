"""Review benchmark: each `dangbo review NAME --json` against a hand-written baseline (PRODUCT.md).

    .venv/bin/python -m bench.review_bench --people 100000 [--no-postgres] [--repeat 3]

On a fresh SQLite file and a fresh PostgreSQL database (127.0.0.1:5432, user postgres) it
migrates, loads a generated dataset with raw SQL (executemany / COPY, ids, `path` and
`search_text` computed as the import does, no audit), then for each of the six reviews
times (best of --repeat) the rows the command prints with --json (the same `*_rows`
functions, in-process, as the console operator) and, on the same data in the same run, a
hand-written baseline over one raw cursor (plain SQL, a minimal Python loop where the rule is
a loop). The bench asserts both give the same rows, so the ratio compares equal work. Peak
memory of each side is traced separately (tracemalloc, Python allocations). Each database
runs in a child process (Django is configured once per process).
"""

import gc
import json
import os
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from datetime import date, timedelta

from bench.runner import bench_main, bench_parser, best_of

PG_NAME = "dangbo_bench_reviews"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Đình Cường", "Thị Dung", "Công Đức", "Thị Hương", "Quang Huy"]

AS_OF = date(2025, 6, 30)  # tenure, discipline
YEAR_ASSISTANCE = 2024
PERIOD, PERIOD_AS_OF = "2025Q1", date(2025, 3, 27)
YEAR_RATINGS = 2025
D = date.fromisoformat


# --- the dataset -------------------------------------------------------------------------------


def dataset(people: int):
    """Yield (table, columns, rows) in load order; rows are generated lazily."""
    from dangbo.interchange.textfold import fast_fold as fold

    districts = 10
    communes = max(people // 100, 11) - 1 - districts
    commune_id = lambda u: 2 + districts + u  # noqa: E731  T=1, H0..H9=2..11
    units = [(1, "T", "Tỉnh ủy", "province_committee", None, "/1/")]  # paths: ids
    units += [
        (2 + d, f"H{d}", f"Huyện ủy số {d}", "district_committee", 1, f"/1/{2 + d}/")
        for d in range(districts)
    ]
    units += [
        (
            commune_id(u),
            f"X{u}",
            f"Đảng bộ xã số {u}",
            "grassroots_committee",
            2 + u % districts,
            f"/1/{2 + u % districts}/{commune_id(u)}/",
        )
        for u in range(communes)
    ]
    yield (
        "org_unit",
        "id, code, name, kind, parent_id, valid_from, valid_to, path, search_text",
        [
            (pk, code, name, kind, parent, None, None, path, fold(f"{code} {name}"))
            for pk, code, name, kind, parent, path in units
        ],
    )

    def person(i):
        code, name = f"P{i:07d}", f"{FAMILY[i % 10]} {GIVEN[i % 7]} {i}"
        birth = date(1960 + i % 36, 1 + i % 12, 1 + i % 28)
        return (
            i + 1,
            code,
            name,
            "MF"[i % 2],
            birth,
            "Kinh",
            "Nghệ An",
            date(2000 + i % 20, 3, 2),
            date(2001 + i % 20, 3, 2),
            commune_id(i % communes),
            fold(f"{code} {name}"),
        )

    yield (
        "people_person",
        "id, code, full_name, gender, birth_date, ethnicity, hometown, party_join_date, "
        "party_official_date, unit_id, search_text",
        (person(i) for i in range(people)),
    )

    def posts():
        pk = 0
        for i in range(people):
            unit = commune_id(i % communes)
            pk += 1
            yield (pk, i + 1, unit, "member", "", date(2008 + i % 17, 1 + i % 12, 1), None)
            if i % 50 == 0:  # a head or a deputy: varied starts, some chained, some ended
                role = "head" if i % 100 == 0 else "deputy"
                start = date(2011 + i % 13, 1 + i % 12, 1 + i % 27)
                if i % 150 == 0:  # two holdings chained across a re-appointment
                    mid = start + timedelta(days=1500)
                    pk += 1
                    yield (pk, i + 1, unit, role, "Bí thư", start, mid)
                    start = mid + timedelta(days=1 + i % 40)  # gap <= 40: chains or not
                end = date(2025, 3, 31) if i % 350 == 0 and start < date(2025, 3, 1) else None
                pk += 1
                yield (pk, i + 1, unit, role, "Bí thư" if role == "head" else "Phó", start, end)

    yield (
        "people_position",
        "id, person_id, unit_id, role, title, start_date, end_date",
        posts(),
    )

    rotations = []
    for k in range(max(people // 1000, 1)):
        i = (k * 1000 + 7) % people
        rotations.append(
            (
                k + 1,
                f"LC{k:05d}",
                i + 1,
                None,
                commune_id(i % communes),
                ("member", "deputy", "")[k % 3],
                commune_id((i + 1) % communes),
                ("deputy", "head", "member")[k % 3],
                "",
                ("development", "term_limit", "non_local", "")[k % 4],
                date(2022 + k % 4, 1 + k % 12, 1 + k % 28),
                (24, 36, 48, 60)[k % 4],
                None,
                "",
                "",
                None,
                None,
            )
        )
    yield (
        "rotation_rotation",
        "id, code, person_id, plan_id, from_unit_id, from_role, to_unit_id, to_role, to_title, "
        "reason, start_date, planned_months, end_date, evaluation, override_reason, "
        "override_by_id, override_at",
        rotations,
    )

    assessments, assistance = [], []
    for year in (2023, 2024):
        for u in range(communes):
            score = (u * 37 + year * 11) % 100
            level = "weak" if score < 50 else "average" if score < 75 else "good"
            assessments.append((len(assessments) + 1, year, commune_id(u), score, level))
            if level != "weak" or u % 7 == 0:  # every 7th weak unit has no helper at all
                continue
            helper = 2 + u % districts
            start = date(year + 1, 1 + u % 5, 10)  # a start after 31 March: no lead yet
            assistance.append((len(assistance) + 1, commune_id(u), helper, "lead", start, None))
            if u % 11 == 0:  # a second lead
                other = 2 + (u + 1) % districts
                assistance.append((len(assistance) + 1, commune_id(u), other, "lead", start, None))
            if u % 3 == 0:
                assistance.append(
                    (len(assistance) + 1, commune_id(u), 1, "support", date(year + 1, 2, 1), None)
                )
    yield ("assessment_assessment", "id, year, unit_id, score, level", assessments)
    yield (
        "assessment_assistance",
        "id, unit_id, helper_id, role, start_date, end_date, plan",
        [(*row, "") for row in assistance],
    )

    assignments, reports = [], []
    quarters = [(y, q) for y in (2024, 2025) for q in (1, 2, 3, 4)][:5]
    for k in range(max(people // 200, 1)):
        i = (k * 200 + 3) % people
        start = date(2020 + k % 5, 1 + k % 12, 1)
        end = date(2024, 12, 31) if k % 9 == 0 else None
        assignments.append(
            (len(assignments) + 1, i + 1, commune_id((i + k) % communes), "", start, end)
        )
        if k % 4 == 0:  # a second area
            assignments.append(
                (len(assignments) + 1, i + 1, commune_id((i + k + 1) % communes), "", start, None)
            )
        for y, q in quarters:
            if (k + q) % 6 == 0:
                continue  # missing
            day = (20, 25, 28, 26, 10)[(k + y + q) % 5]
            month = 3 * q if day != 10 else 3 * q + 1 if q < 4 else 12
            reports.append((len(reports) + 1, i + 1, f"{y}Q{q}", date(y, month, day), ""))
    yield (
        "supervision_supervisionassignment",
        "id, person_id, unit_id, field, start_date, end_date",
        assignments,
    )
    yield (
        "supervision_supervisionreport",
        "id, person_id, period, submitted_date, summary",
        reports,
    )

    cases = []
    person_forms = ("khien_trach", "canh_cao", "cach_chuc", "khai_tru")
    for k in range(max(people // 100, 1)):
        i = (k * 100 + 7) % people
        n = 2 if k % 3 == 0 else 1  # a second violation of the same person
        for j in range(n):
            violation = date(2012 + (k + 5 * j) % 13, 1 + k % 12, 1 + k % 28)
            decided = violation + timedelta(days=200 + (k * 97) % 2200)
            announced = decided + timedelta(days=k % 20)
            complaint = resolved = None
            outcome = ""
            if k % 5 == 0:
                complaint = announced + timedelta(days=(10, 45)[k % 2])
                if k % 15 != 0:
                    resolved = complaint + timedelta(days=60)
                    outcome = ("upheld", "annulled", "changed")[k % 3]
            cases.append(
                (
                    len(cases) + 1,
                    f"KL{k:06d}-{j}",
                    "person",
                    i + 1,
                    commune_id(i % communes),
                    violation,
                    person_forms[(k + j) % 4],
                    "no_limit" if k % 13 == 0 else "ordinary",
                    decided,
                    announced,
                    complaint,
                    resolved,
                    outcome,
                )
            )
    for u in range(0, communes, 20):
        violation = date(2018 + u % 7, 1 + u % 12, 5)
        decided = violation + timedelta(days=100 + u % 300)
        cases.append(
            (
                len(cases) + 1,
                f"KLU{u:05d}",
                "unit",
                None,
                commune_id(u),
                violation,
                ("khien_trach", "canh_cao", "giai_tan")[u % 3],
                "ordinary",
                decided,
                decided + timedelta(days=7),
                None,
                None,
                "",
            )
        )
    yield (
        "discipline_disciplinecase",
        "id, code, subject_kind, person_id, unit_id, violation_date, form, category, "
        "decided_date, announced_date, complaint_date, complaint_resolved_date, "
        "complaint_outcome, ideological_work_date, ideological_work_note, decided_by, summary",
        [(*c, None, "", "", "") for c in cases],
    )

    def level_of(score):
        return (
            "xuat_sac"
            if score >= 90
            else "tot"
            if score >= 70
            else "hoan_thanh"
            if score >= 50
            else "khong_hoan_thanh"
        )

    def ratings():
        pk = 0
        for uid, _code, *_ in units:
            pk += 1
            score = (uid * 53) % 100
            level = level_of(score) if uid % 17 else "xuat_sac"
            group = "units-" + ("T" if uid < 2 + districts else f"H{uid % districts}")
            yield (pk, YEAR_RATINGS, "unit", None, uid, group, level, score)
        for i in range(0, people, 10):
            pk += 1
            score = (i * 7 + i // 10) % 100
            level = level_of(score) if i % 130 else ("tot", "xuat_sac")[i % 2]
            yield (
                pk,
                YEAR_RATINGS,
                "person",
                i + 1,
                commune_id(i % communes),
                f"people-H{(i % communes) % districts}-{i % 7}",
                level,
                None if i % 40 == 0 else score,
            )

    yield (
        "ratings_rating",
        'id, year, subject_kind, person_id, unit_id, "group", level, score',
        ratings(),
    )


def migrate_and_load(people: int) -> str:
    """Migrate the empty database, load the dataset, say how long each took; the label of
    the database ("SQLite", "PostgreSQL")."""
    from django.core.management import call_command
    from django.db import connection

    label = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    counts = load(people)
    loaded = time.perf_counter()
    total = sum(counts.values())
    print(
        f"{label}: migrate {migrated - started:.1f} s; loaded {total:,} rows in "
        f"{loaded - migrated:.1f} s ({', '.join(f'{t} {n:,}' for t, n in counts.items())})",
        flush=True,
    )
    return label


def load(people: int) -> dict[str, int]:
    from django.db import connection

    counts = {}
    connection.ensure_connection()
    raw = connection.connection
    for table, cols, rows in dataset(people):
        n = 0
        if connection.vendor == "postgresql":
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
        else:

            def counted(rows):
                nonlocal n
                for row in rows:
                    n += 1
                    yield row

            marks = ", ".join("?" * len(cols.split(",")))
            raw.execute("BEGIN")
            raw.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", counted(rows))
            raw.execute("COMMIT")
        counts[table] = n
    with connection.cursor() as cur:
        # PostgreSQL: VACUUM too, what autovacuum does after a bulk load (PG 13+ counts
        # inserts): the visibility map lets counts by an index skip the table (index-only
        # scans). A database never vacuumed (autovacuum off) reads the heap for each row.
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return counts


# --- the baselines: one raw cursor, plain SQL, a minimal loop ----------------------------------


def _day(value):
    return D(value) if isinstance(value, str) else value


def _rows(sql, params=()):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def base_tenure():
    from dangbo.rules.dates import full_months
    from dangbo.rules.tenure import RULE

    posts = _rows(
        "SELECT person_id, unit_id, role, start_date, end_date FROM people_position "
        "WHERE role IN ('head', 'deputy') AND start_date <= %s "
        "ORDER BY person_id, unit_id, role, start_date, end_date IS NULL, end_date",
        [AS_OF],
    )
    found, chain, key, end = [], [], None, None

    def close():
        if chain and (end is None or end >= AS_OF):
            months = full_months(chain[0][0], AS_OF)
            if months >= 84:
                found.append((key, chain[0][0], months, list(chain)))

    for person, unit, role, start, stop in posts:
        start, stop = _day(start), _day(stop)
        if (person, unit, role) == key and (end is None or (start - end).days <= 31):
            chain.append((start, stop))
            end = None if end is None or stop is None else max(end, stop)
        else:
            close()
            chain, key, end = [(start, stop)], (person, unit, role), stop
    close()
    people = dict(_id_rows("people_person", "id, code, full_name", {f[0][0] for f in found}))
    units = dict(_id_rows("org_unit", "id, code, name", {f[0][1] for f in found}))
    out = []
    for (person, unit, role), since, months, chain in found:
        out.append(
            {
                "person_code": people[person][0],
                "unit_code": units[unit][0],
                "role": role,
                "since": since.isoformat(),
                "months": months,
                "status": "over" if months >= 96 else "approaching",
                "rule": RULE,
                "holdings": [
                    {"start": s.isoformat(), "end": e.isoformat() if e else None} for s, e in chain
                ],
                "full_name": people[person][1],
                "unit_name": units[unit][1],
            }
        )
    return sorted(out, key=lambda r: (r["person_code"], r["unit_code"], r["role"]))


def _id_rows(table, cols, ids):
    ids = sorted(ids)
    out = []
    for i in range(0, len(ids), 5000):
        chunk = ids[i : i + 5000]
        marks = ", ".join(["%s"] * len(chunk))
        for pk, *rest in _rows(f"SELECT {cols} FROM {table} WHERE id IN ({marks})", chunk):
            out.append((pk, rest))
    return out


CASE_SQL = (
    "SELECT c.code, c.subject_kind, COALESCE(p.code, u.code), c.violation_date, c.form, "
    "c.category, c.decided_date, c.announced_date, c.complaint_date, "
    "c.complaint_resolved_date, c.complaint_outcome "
    "FROM discipline_disciplinecase c JOIN org_unit u ON u.id = c.unit_id "
    "LEFT JOIN people_person p ON p.id = c.person_id"
)


class _Case:
    """A case row and what the discipline rules say about it (a minimal loop)."""

    __slots__ = ("ann", "code", "complaint", "dec", "form", "kind", "limit", "outcome", "res")
    __slots__ += ("subject", "viol")

    def __init__(self, row):
        from dangbo.rules.versions import LIMITATION_YEARS, applicable

        code, kind, subject, viol, form, cat, dec, ann, complaint, res, outcome = row
        self.code, self.kind, self.subject, self.form = code, kind, subject, form
        self.viol, self.dec, self.ann = _day(viol), _day(dec), _day(ann)
        self.complaint, self.res, self.outcome = _day(complaint), _day(res), outcome or None
        # An open case (no decision yet) is never reviewed; its violation still counts.
        undecided = self.dec is None
        self.limit = (
            None if cat == "no_limit" or undecided else applicable(LIMITATION_YEARS, self.dec)
        )

    def review(self, others, day):
        from dangbo.rules.dates import add_months
        from dangbo.rules.versions import (
            AUTO_EXPIRY_MONTHS,
            COMPLAINT_MONTHS,
            LIMITATION_YEARS,
            PROMOTION_BAR_MONTHS,
            applicable,
        )

        violations = sorted(o.viol for o in others if o.code != self.code)
        years = self.limit.value.get(self.form) if self.limit else None
        until = None
        if years is not None:
            start = self.viol
            while True:
                until = add_months(start, 12 * years)
                later = [v for v in violations if start < v <= until]
                if not later:
                    break
                start = max(later)
        ended = self.res if self.outcome in ("annulled", "changed") and self.res else None
        expiry_v = applicable(AUTO_EXPIRY_MONTHS, self.ann)
        expires = None
        if (
            self.form not in ("khai_tru", "giai_tan")
            and not (self.complaint and not self.res)
            and ended is None
        ):
            base = self.res if self.complaint and self.res else self.ann
            expires = add_months(base, expiry_v.value)
            if any(base < v <= expires for v in violations):
                expires = None
        in_force = (
            self.ann <= day
            and (expires is None or day < expires)
            and (ended is None or day < ended)
        )
        bar_v = applicable(PROMOTION_BAR_MONTHS, self.ann)
        bar = None
        if self.kind == "person" and self.form in bar_v.value:
            bar = add_months(self.ann, bar_v.value[self.form])
            if ended is not None and ended < bar:
                bar = ended
        complaint_v = applicable(COMPLAINT_MONTHS, self.ann)
        late = bool(self.complaint and self.complaint > add_months(self.ann, complaint_v.value))
        used = [self.limit or applicable(LIMITATION_YEARS, self.dec), expiry_v]
        if self.complaint:
            used.append(complaint_v)
        if self.kind == "person" and self.form in bar_v.value:
            used.append(bar_v)
        labels = list(dict.fromkeys(v.label for v in used))
        return in_force, {
            "case_code": self.code,
            "time_barred": until is not None and self.dec > until,
            "expires_on": expires.isoformat() if expires else None,
            "in_force": in_force,
            "promotion_bar_until": bar.isoformat() if bar else None,
            "complaint_late": late,
            "rule": " + ".join(labels),
            "ended_on": ended.isoformat() if ended else None,
            "limitation_until": until.isoformat() if until else None,
            "subject_kind": self.kind,
            "subject_code": self.subject,
            "form": self.form,
        }


def base_discipline():
    cases = [_Case(r) for r in _rows(CASE_SQL)]
    by_subject = defaultdict(list)
    for c in cases:
        by_subject[(c.kind, c.subject)].append(c)
    # The review as of D holds the cases decided by D.
    rows = [
        c.review(by_subject[(c.kind, c.subject)], AS_OF)[1]
        for c in cases
        if c.dec is not None and c.dec <= AS_OF
    ]
    return sorted(rows, key=lambda r: r["case_code"])


def base_rotations():
    from dangbo.rules.dates import add_months
    from dangbo.rules.retirement import RULE as RETIREMENT_RULE
    from dangbo.rules.retirement import retirement_date
    from dangbo.rules.versions import ROTATION_MIN_MONTHS, ROTATION_SERVICE_YEARS, applicable

    rotations = _rows(
        "SELECT r.code, p.code, p.full_name, p.birth_date, p.gender, r.start_date, "
        "r.planned_months, r.to_role, r.reason, r.from_role FROM rotation_rotation r "
        "JOIN people_person p ON p.id = r.person_id"
    )
    cases = defaultdict(list)
    sql = CASE_SQL + (
        " WHERE c.subject_kind = 'person' AND c.person_id IN "
        "(SELECT person_id FROM rotation_rotation)"
    )
    for row in _rows(sql):
        cases[row[2]].append(_Case(row))
    rank = {"member": 0, "deputy": 1, "head": 2}
    out = []
    for code, person, name, birth, gender, start, months, to_role, reason, from_role in rotations:
        start, birth = _day(start), _day(birth)
        found, min_v = set(), applicable(ROTATION_MIN_MONTHS, start)
        labels = [min_v.label]
        if months < min_v.value:
            found.add("too_short")
        service = applicable(ROTATION_SERVICE_YEARS, start).value
        years = service.get(reason or "default", service["default"])
        if add_months(start, 12 * years) > retirement_date(birth, gender):
            found.add("too_close_to_retirement")
            labels.append(RETIREMENT_RULE)
        used, barring = [], []
        promotion = from_role and rank[to_role] > rank[from_role]
        mine = cases.get(person, ())
        for c in mine:
            if c.ann is None:  # not announced: neither in force nor barring
                continue
            in_force, row = c.review(mine, start)
            if in_force:
                found.add("under_discipline")
                used.append((c.code, row["rule"]))
            bar = row["promotion_bar_until"]
            if promotion and c.ann <= start and bar and D(bar) > start:
                found.add("promotion_barred")
                barring.append((c.code, row["rule"]))
        used += barring
        for _code, rule in sorted(used):
            for label in rule.split(" + "):
                if label not in labels:
                    labels.append(label)
        if found:
            out.append(
                {
                    "rotation_code": code,
                    "person_code": person,
                    "findings": sorted(found),
                    "rule": " + ".join(labels),
                    "full_name": name,
                }
            )
    return sorted(out, key=lambda r: r["rotation_code"])


def base_assistance():
    from dangbo.rules.assistance import RULE

    deadline = date(YEAR_ASSISTANCE + 1, 3, 31)
    rows = _rows(
        "SELECT u.code, u.name, (SELECT COUNT(*) FROM assessment_assistance a "
        "WHERE a.unit_id = s.unit_id AND a.role = 'lead' AND a.start_date <= %s "
        "AND (a.end_date IS NULL OR a.end_date >= %s)) AS leads "
        "FROM assessment_assessment s JOIN org_unit u ON u.id = s.unit_id "
        "WHERE s.year = %s AND s.level = 'weak'",
        [deadline, deadline, YEAR_ASSISTANCE],
    )
    out = [
        {
            "unit_code": code,
            "finding": "no_lead_helper" if n == 0 else "two_leads",
            "rule": RULE,
            "unit_name": name,
        }
        for code, name, n in rows
        if n != 1
    ]
    return sorted(out, key=lambda r: (r["unit_code"], r["finding"]))


def base_supervision():
    from dangbo.rules.supervision import due_date, quarter_bounds, rule_for

    first, last = quarter_bounds(PERIOD)
    day = (_rows("SELECT report_day FROM core_rulesettings") or [(25,)])[0][0]
    due, rule = due_date(PERIOD, day), rule_for(PERIOD, day)
    rows = _rows(
        "SELECT p.code, p.full_name, r.submitted_date FROM people_person p "
        "JOIN (SELECT DISTINCT person_id FROM supervision_supervisionassignment "
        "WHERE start_date <= %s AND (end_date IS NULL OR end_date >= %s)) a "
        "ON a.person_id = p.id LEFT JOIN supervision_supervisionreport r "
        "ON r.person_id = p.id AND r.period = %s",
        [last, first, PERIOD],
    )
    out = []
    for code, name, submitted in rows:
        submitted = _day(submitted)
        known = submitted if submitted is not None and submitted <= PERIOD_AS_OF else None
        status = (
            ("on_time" if known <= due else "late")
            if known
            else ("missing" if due < PERIOD_AS_OF else "not_due")
        )
        out.append(
            {
                "person_code": code,
                "period": PERIOD,
                "due": due.isoformat(),
                "submitted": known.isoformat() if known else None,
                "status": status,
                "rule": rule,
                "full_name": name,
            }
        )
    return sorted(out, key=lambda r: r["person_code"])


def base_ratings():
    from dangbo.rules.versions import (
        RATING_QUOTA,
        RATING_REGULATION,
        SCORE_BANDS,
        for_rating_year,
    )

    y = YEAR_RATINGS
    first, last = date(y, 1, 1), date(y, 12, 31)
    quota = for_rating_year(RATING_QUOTA, y)
    regulation = for_rating_year(RATING_REGULATION, y).label
    bands = for_rating_year(SCORE_BANDS, y).label
    decisions = (
        "SELECT {col} FROM discipline_disciplinecase d WHERE d.subject_kind = '{kind}' "
        "AND d.announced_date BETWEEN %s AND %s AND d.complaint_outcome <> 'annulled'"
    )
    person_decided = decisions.format(col="d.person_id", kind="person")
    unit_decided = decisions.format(col="d.unit_id", kind="unit")
    subject = "CASE WHEN r.subject_kind = 'person' THEN p.code ELSE u.code END"
    band = (
        "CASE WHEN r.score >= 90 THEN 'xuat_sac' WHEN r.score >= 70 THEN 'tot' "
        "WHEN r.score >= 50 THEN 'hoan_thanh' ELSE 'khong_hoan_thanh' END"
    )
    frm = (
        "FROM ratings_rating r JOIN org_unit u ON u.id = r.unit_id "
        "LEFT JOIN people_person p ON p.id = r.person_id WHERE r.year = %s"
    )
    rows = _rows(
        "SELECT 'quota_exceeded', r.subject_kind, NULL, r.\"group\" FROM ratings_rating r "
        'WHERE r.year = %s GROUP BY r."group", r.subject_kind '
        "HAVING SUM(CASE WHEN r.level = 'xuat_sac' THEN 1 ELSE 0 END) * %s "
        "> SUM(CASE WHEN r.level = 'tot' THEN 1 ELSE 0 END) * %s "
        f"UNION ALL SELECT 'disciplined_in_year', r.subject_kind, p.code, r.\"group\" {frm} "
        "AND r.subject_kind = 'person' AND r.level <> 'khong_hoan_thanh' "
        f"AND r.person_id IN ({person_decided}) "
        f"UNION ALL SELECT 'score_level_mismatch', r.subject_kind, {subject}, r.\"group\" {frm} "
        f"AND %s AND r.score IS NOT NULL AND {band} <> r.level "
        f"UNION ALL SELECT 'excellent_blocked', r.subject_kind, u.code, r.\"group\" {frm} "
        "AND %s AND r.subject_kind = 'unit' AND r.level = 'xuat_sac' AND ("
        "EXISTS (SELECT 1 FROM org_unit b WHERE b.path LIKE u.path || '%%' AND b.id <> u.id "
        f"AND b.id IN ({unit_decided})) OR EXISTS (SELECT 1 FROM people_position h "
        "WHERE h.unit_id = u.id AND h.role IN ('head', 'deputy') AND h.start_date <= %s "
        f"AND (h.end_date IS NULL OR h.end_date >= %s) AND h.person_id IN ({person_decided})))",
        [
            y,
            quota.value.denominator,
            quota.value.numerator,
            y,
            first,
            last,
            y,
            y >= 2025,
            y,
            y >= 2025,
            first,
            last,
            last,
            first,
            first,
            last,
        ],
    )
    rule = {
        "quota_exceeded": quota.label,
        "disciplined_in_year": regulation,
        "score_level_mismatch": bands,
        "excellent_blocked": regulation,
    }
    out = [
        {"finding": f, "subject_kind": k, "subject_code": c, "group": g, "rule": rule[f]}
        for f, k, c, g in rows
    ]
    return sorted(
        out,
        key=lambda f: (
            f["finding"],
            f["group"],
            f["subject_kind"],
            f["subject_code"] is not None,
            f["subject_code"] or "",
        ),
    )


# --- the reviews as `dangbo review NAME --json` computes them ----------------------------------


def reviews():
    from dangbo.org.scope import OPERATOR
    from dangbo.reviews.assistance import assistance_rows
    from dangbo.reviews.discipline import discipline_rows
    from dangbo.reviews.ratings import rating_rows
    from dangbo.reviews.registry import REVIEWS
    from dangbo.reviews.rotations import rotation_rows
    from dangbo.reviews.supervision import supervision_rows

    tenure = REVIEWS["tenure"].run  # cli_tenure._run: the command's rows
    user = OPERATOR
    return {
        "tenure": (
            lambda: tenure(user=user, options={"as_of": AS_OF, "include_deputies": True}),
            base_tenure,
        ),
        "rotations": (lambda: rotation_rows(user=user), base_rotations),
        "assistance": (lambda: assistance_rows(user=user, year=YEAR_ASSISTANCE), base_assistance),
        "supervision": (
            lambda: supervision_rows(user=user, period=PERIOD, as_of=PERIOD_AS_OF),
            base_supervision,
        ),
        "discipline": (lambda: discipline_rows(user=user, as_of=AS_OF), base_discipline),
        "ratings": (lambda: rating_rows(user=user, year=YEAR_RATINGS), base_ratings),
    }


def _json(rows):
    return json.loads(json.dumps(rows, ensure_ascii=False, default=str))


def traced_peak(fn):
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def worker(options) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
    django.setup()

    from dangbo.reviews.apps import ReviewsConfig  # noqa: F401  (registers every review)

    label = migrate_and_load(options.people)
    only = set(options.only.split(",")) if options.only else None
    for name, (review, baseline) in reviews().items():
        if only and name not in only:
            continue
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t_review, rows = best_of(review, options.repeat)
        t_base, base = best_of(baseline, options.repeat)
        rows, base = _json(rows), _json(base)
        if rows != base:
            diff = [(a, b) for a, b in zip(rows, base, strict=False) if a != b][:3]
            sys.exit(f"{label} {name}: baseline differs ({len(rows)} vs {len(base)} rows) {diff}")
        m_review, m_base = traced_peak(review), traced_peak(baseline)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"{label:10} {name:11} rows {len(rows):>7,} | review {t_review:7.3f} s | baseline "
            f"{t_base:7.3f} s | review/baseline {t_review / t_base:5.2f} | peak traced "
            f"review {m_review / 1e6:6.1f} MB, baseline {m_base / 1e6:6.1f} MB | "
            f"maxrss +{(rss - rss0) / 1024:.0f} MB",
            flush=True,
        )


def main() -> None:
    parser = bench_parser()
    parser.add_argument("--only", default="", help="comma-separated review names")
    bench_main(
        "bench.review_bench",
        worker,
        PG_NAME,
        parser=parser,
        about=f"; as of {AS_OF}",
        extra=lambda options: ["--only", options.only],
    )


if __name__ == "__main__":
    main()
