"""The series a chart draws, computed from the rows its screen shows (pure: no Django, no
database), so that a chart never disagrees with the table beside it or the screen's list.

Each function takes plain rows (dicts, as the reviews return them or as a screen's view
hands them) and returns a `Counts`: categories (one bar each, in order), series (the
stacked parts of each bar, in order) and the count of each pair. Codes stay codes here; the
words come with the chart (`dangbo.reports.charts.screens`).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Counts:
    categories: tuple[str, ...]
    series: tuple[str, ...]
    values: dict[tuple[str, str], int]
    # A mark on each bar (the most a quota allows), by category; absent: no mark.
    marks: dict[str, int] = field(default_factory=dict)

    def value(self, category: str, series: str) -> int:
        return self.values.get((category, series), 0)

    def total(self, category: str) -> int:
        return sum(self.value(category, s) for s in self.series)

    @property
    def grand_total(self) -> int:
        return sum(self.values.values())


def count_by(
    rows: Iterable[dict],
    category: Callable[[dict], str],
    series: Callable[[dict], str],
    *,
    series_order: Sequence[str] = (),
    category_key: Callable[[str], object] | None = None,
) -> Counts:
    """Count the rows by (category, series). Categories sorted by `category_key` (else as
    first met); series in `series_order`, then any other in the order first met."""
    values: dict[tuple[str, str], int] = {}
    categories: dict[str, None] = {}
    seen: dict[str, None] = {}
    for row in rows:
        key = (category(row), series(row))
        categories.setdefault(key[0])
        seen.setdefault(key[1])
        values[key] = values.get(key, 0) + 1
    ordered = list(categories)
    if category_key is not None:
        ordered.sort(key=category_key)
    known = [s for s in series_order if s in seen]
    others = [s for s in seen if s not in series_order]
    return Counts(tuple(ordered), tuple(known + others), values)


TENURE_STATUSES = ("over", "approaching")


def tenure_by_unit(rows: Iterable[dict]) -> Counts:
    """Tenure review rows (`unit_name`/`unit_code`, `status`): cadres per unit, over two
    terms and approaching; units by name."""
    return count_by(
        rows,
        lambda r: r.get("unit_name") or r.get("unit_code") or "",
        lambda r: r["status"],
        series_order=TENURE_STATUSES,
        category_key=lambda name: name.casefold(),
    )


def rotations_by_year(rows: Iterable[dict], post_order: Sequence[str] = ()) -> Counts:
    """Rotations (`year` the rotation started, `to_post` the target post): per year, by
    target post."""
    return count_by(
        rows,
        lambda r: str(r["year"]),
        lambda r: r["to_post"],
        series_order=post_order,
        category_key=lambda y: y,
    )


NOT_RATED = "none"


def weak_units_later(
    units: Sequence[str],
    later: Iterable[dict],
    level_order: Sequence[str] = (),
) -> Counts:
    """The weak units of a survey (their codes) and their later ratings (`unit_code`,
    `year`, `level`): for each later year, how many of them at each level, and how many
    not rated that year (NOT_RATED). Each unit counts once a year."""
    units = list(dict.fromkeys(units))
    by_year: dict[int, dict[str, str]] = {}
    for row in later:
        if row["unit_code"] in units:
            by_year.setdefault(int(row["year"]), {})[row["unit_code"]] = row["level"]
    rows = [
        {"year": str(year), "level": levels.get(unit, NOT_RATED)}
        for year, levels in sorted(by_year.items())
        for unit in units
    ]
    return count_by(
        rows,
        lambda r: r["year"],
        lambda r: r["level"],
        series_order=(*level_order, NOT_RATED),
    )


REPORT_STATUSES = ("on_time", "late", "missing", "not_due")


def report_tallies(rows: Iterable[dict]) -> Counts:
    """Reports due (`label` of the quarter or the area, and the counts `on_time`, `late`,
    `missing`, `not_due` a tally holds): one bar per line, in the rows' order."""
    values: dict[tuple[str, str], int] = {}
    categories: list[str] = []
    for row in rows:
        categories.append(row["label"])
        for status in REPORT_STATUSES:
            if row.get(status):
                values[(row["label"], status)] = values.get((row["label"], status), 0) + int(
                    row[status]
                )
    present = tuple(s for s in REPORT_STATUSES if any(k[1] == s for k in values))
    return Counts(tuple(dict.fromkeys(categories)), present, values)


def on_time_rate(counts: Counts, category: str) -> float | None:
    """The share of the reports already due (not_due left out) that came on time, 0–1;
    None when none was due."""
    due = sum(counts.value(category, s) for s in ("on_time", "late", "missing"))
    return counts.value(category, "on_time") / due if due else None


def discipline_by_year(rows: Iterable[dict], form_order: Sequence[str] = ()) -> Counts:
    """Discipline review rows (`form`) with the `year` each case was decided: per year, by
    form."""
    return count_by(
        rows,
        lambda r: str(r["year"]),
        lambda r: r["form"],
        series_order=form_order,
        category_key=lambda y: y,
    )


def ratings_by_group(lines: Iterable[dict], level_order: Sequence[str]) -> Counts:
    """The quota check's lines (`label` of the group and subject kind, `counts` per level
    code, `allowed`: the most that may be rated excellent): one bar per line, the levels
    stacked in `level_order`, the quota as the line's mark."""
    values: dict[tuple[str, str], int] = {}
    categories: list[str] = []
    marks: dict[str, int] = {}
    for line in lines:
        categories.append(line["label"])
        marks[line["label"]] = int(line["allowed"])
        for level, n in line["counts"].items():
            if n:
                key = (line["label"], level)
                values[key] = values.get(key, 0) + int(n)
    seen = {s for _c, s in values}
    series = [s for s in level_order if s in seen] + sorted(seen - set(level_order))
    return Counts(tuple(dict.fromkeys(categories)), tuple(series), values, marks)


OTHERS = "__others__"


def top(counts: Counts, most: int) -> Counts:
    """The `most - 1` largest categories (by total, then in order) and the rest summed as
    OTHERS, when there are more than `most`: a province's hundreds of units in one bar.
    The totals are unchanged."""
    if len(counts.categories) <= most:
        return counts
    ranked = sorted(
        range(len(counts.categories)), key=lambda i: (-counts.total(counts.categories[i]), i)
    )
    kept = {counts.categories[i] for i in ranked[: most - 1]}
    values: dict[tuple[str, str], int] = {}
    for (category, series), n in counts.values.items():
        key = (category if category in kept else OTHERS, series)
        values[key] = values.get(key, 0) + n
    categories = tuple(c for c in counts.categories if c in kept) + (OTHERS,)
    marks = {c: m for c, m in counts.marks.items() if c in kept}
    return Counts(categories, counts.series, values, marks)
