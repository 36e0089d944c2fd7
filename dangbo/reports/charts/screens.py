"""The charts of each screen: a `Counts` (series.py) with its words, drawn as SVG, and the
table beside it with the same numbers (for screen readers and print)."""

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dangbo.core.numbers import vn_number, vn_percent
from dangbo.reports.charts import series as S
from dangbo.reports.charts import svg

MOST_BARS = 12


# One way of writing numbers for the charts, their tables and the documents (core/numbers.py).
number = vn_number
percent = vn_percent


@dataclass
class ChartView:
    """What the chart include shows: the SVG and its table (heading row, rows, total)."""

    ident: str
    title: str
    description: str
    svg: SafeString
    headings: list[str]
    rows: list[list[str]]
    footer: list[str]
    note: str = ""

    @property
    def cells(self) -> list[list[tuple[str, str]]]:
        """Each row's cells with their heading (a card's labels at 360 px)."""
        return [list(zip(self.headings, row, strict=True)) for row in self.rows]


def chart(
    counts: S.Counts,
    *,
    ident: str,
    title: str,
    category_heading: str,
    category_labels: dict[str, str] | None = None,
    series_labels: dict[str, str] | None = None,
    notes: dict[str, str] | None = None,
    notes_heading: str = "",
    note_cells: dict[str, str] | None = None,
    mark_label: str = "",
    note: str = "",
    total_row: bool = True,
) -> ChartView | None:
    """The chart and its table, or None when there is nothing to count. `total_row=False`
    where a sum down the bars means nothing (the same units counted each year)."""
    if not counts.categories or not counts.grand_total:
        return None
    category_labels = dict(category_labels or {})
    category_labels.setdefault(S.OTHERS, _("The other units together"))
    series_labels = series_labels or {}
    words = {c: category_labels.get(c, c) for c in counts.categories}
    names = [series_labels.get(s, s) for s in counts.series]
    description = "; ".join(
        f"{words[c]}: "
        + ", ".join(
            f"{name} {number(counts.value(c, s))}"
            for s, name in zip(counts.series, names, strict=True)
            if counts.value(c, s)
        )
        for c in counts.categories
    )
    headings = [category_heading, *names, _("Total")]
    if counts.marks:
        headings.append(mark_label)
    if notes:
        headings.append(notes_heading)
    rows = []
    for c in counts.categories:
        row = [words[c], *(number(counts.value(c, s)) for s in counts.series)]
        row.append(number(counts.total(c)))
        if counts.marks:
            row.append(number(counts.marks[c]) if c in counts.marks else "—")
        if notes:
            row.append((note_cells or notes).get(c, ""))
        rows.append(row)
    footer = (
        []
        if not total_row
        else [
            _("Total"),
            *(number(sum(counts.value(c, s) for c in counts.categories)) for s in counts.series),
            number(counts.grand_total),
        ]
    )
    if counts.marks and footer:
        footer.append("")
    if notes and footer:
        footer.append("")
    drawn = svg.render(
        counts,
        ident=ident,
        title=title,
        description=description,
        category_labels=words,
        series_labels=series_labels,
        notes=notes,
        mark_label=mark_label,
        number=number,
    )
    return ChartView(ident, title, description, mark_safe(drawn), headings, rows, footer, note)


# --- the screens' charts -------------------------------------------------------------------


def tenure(rows: list[dict], ident: str = "chart-tenure") -> ChartView | None:
    """Tenure review rows: cadres per unit, over two terms and approaching."""
    return tenure_chart(S.top(S.tenure_by_unit(rows), MOST_BARS), ident)


def tenure_chart(counts: S.Counts, ident: str) -> ChartView | None:
    from dangbo.reviews.labels import TENURE_STATUSES

    return chart(
        counts,
        ident=ident,
        title=_("Cadres over two terms or approaching, by unit"),
        category_heading=_("Unit"),
        series_labels={k: str(v) for k, v in TENURE_STATUSES.items()},
        note=_("The units with the most cadres; the others together in the last bar.")
        if S.OTHERS in counts.categories
        else "",
    )


def tenure_rows(lines) -> list[dict]:
    """The tenure screen's lines (a finding with its unit) as review rows."""
    return [
        {
            "unit_code": line["finding"].unit_code,
            "unit_name": line["unit"].name if line["unit"] else None,
            "status": line["finding"].status,
        }
        for line in lines
    ]


def rotations(rows: list[dict], note: str | None = None) -> ChartView | None:
    """Rotations by the year they started and their target post (charts.selectors)."""
    from dangbo.people.models import Role
    from dangbo.reports.charts.selectors import OTHER_POST
    from dangbo.rotation.labels import KEY_POST_LABELS
    from dangbo.rules.rotation import KEY_POSTS

    posts = {post: capfirst(KEY_POST_LABELS[post]) for post in KEY_POSTS}
    posts.update({OTHER_POST + role: str(words) for role, words in Role.choices})
    return chart(
        S.rotations_by_year(rows, post_order=list(posts)),
        ident="chart-rotations",
        title=_("Rotations by year and target post"),
        category_heading=_("Year"),
        series_labels=posts,
        note=note if note is not None else _("Every rotation you can see, by the year it started."),
    )


def weak_units(units: list[str], later: list[dict]) -> ChartView | None:
    from dangbo.ratings.models import Level

    levels = {k: str(v) for k, v in Level.choices}
    levels[S.NOT_RATED] = _("Not rated that year")
    return chart(
        S.weak_units_later(units, later, level_order=list(Level.values)),
        ident="chart-weak-units",
        title=_("The weak units' ratings in the years after"),
        category_heading=_("Year"),
        series_labels=levels,
        total_row=False,
    )


def _report_chart(rows, *, ident, title, heading, note="", most=None) -> ChartView | None:
    from dangbo.supervision.labels import STATUS_LABELS

    counts = S.report_tallies(rows)
    counts = S.top(counts, most) if most else counts
    return chart(
        counts,
        ident=ident,
        title=title,
        category_heading=heading,
        series_labels={k: str(v) for k, v in STATUS_LABELS.items()},
        notes={
            c: _("%(rate)s on time") % {"rate": percent(S.on_time_rate(counts, c))}
            for c in counts.categories
        },
        note_cells={c: percent(S.on_time_rate(counts, c)) for c in counts.categories},
        notes_heading=_("On-time rate"),
        note=note,
    )


def tally_row(label: str, tally) -> dict:
    return {"label": label, **{s: getattr(tally, s) for s in S.REPORT_STATUSES}}


def supervision_periods(rows: list[dict]) -> ChartView | None:
    return _report_chart(
        rows,
        ident="chart-supervision-quarters",
        title=_("Supervision reports on time, by quarter"),
        heading=_("Quarter"),
        note=_("On time: the share of the reports already due that came in on time."),
    )


def supervision_units(rows: list[dict]) -> ChartView | None:
    return _report_chart(
        rows,
        ident="chart-supervision-units",
        title=_("Supervision reports on time, by area"),
        heading=_("Area"),
        most=MOST_BARS,
    )


def supervision_review(period_label: str, rows: list[dict]) -> ChartView | None:
    """The supervision review's rows (one a member): the quarter's reports by status."""
    tally = {s: sum(1 for r in rows if r.get("status") == s) for s in S.REPORT_STATUSES}
    return supervision_periods([{"label": period_label, **tally}])


def discipline(rows: list[dict], ident: str = "chart-discipline") -> ChartView | None:
    """Discipline review rows with the year each case was decided: by form and year."""
    return discipline_chart(discipline_counts(rows), ident)


def discipline_counts(rows: list[dict]) -> S.Counts:
    from dangbo.discipline.models import Form

    return S.discipline_by_year(rows, form_order=list(dict(Form.choices)))


def discipline_chart(counts: S.Counts, ident: str) -> ChartView | None:
    from dangbo.discipline.models import Form

    return chart(
        counts,
        ident=ident,
        title=_("Discipline by form and year"),
        category_heading=_("Year decided"),
        series_labels={k: str(v) for k, v in Form.choices},
    )


def ratings(lines: list[dict]) -> ChartView | None:
    """The quota check's lines (ratings.selectors.quota_check): levels per group."""
    from dangbo.ratings.models import Level

    rows = [
        {
            "label": f"{line['group_name']} — {line['subject_kind']}",
            "counts": dict(zip(Level.values, (n for _label, n in line["levels"]), strict=True)),
            "allowed": line["allowed"],
        }
        for line in lines
    ]
    return chart(
        S.ratings_by_group(rows, list(Level.values)),
        ident="chart-ratings",
        title=_("Ratings by level in each group, with the quota"),
        category_heading=_("Group"),
        series_labels={k: str(v) for k, v in Level.choices},
        mark_label=_("Most that may be rated excellent"),
        note=_("The dashed line: the most that may be rated excellent under the quota."),
    )


# --- where the charts go -------------------------------------------------------------------


def for_review(name: str, *, user, rows: list[dict], options: dict) -> ChartView | None:
    """The chart of review `name` beside its table, from the review's rows (and, for
    rotations, every rotation the user sees; for ratings, the quota check over the same
    population as the review)."""
    from dangbo.reports.charts import selectors

    if name == "tenure":
        return tenure(rows)
    if name == "rotations":
        return rotations(selectors.rotation_rows(user=user))
    if name == "discipline":
        return discipline(selectors.discipline_rows_with_year(rows))
    if name == "ratings":
        from dangbo.ratings.selectors import quota_check

        return ratings(quota_check(user=user, year=options["year"]))
    if name == "supervision":
        from dangbo.supervision.labels import period_label

        return supervision_review(period_label(options["period"]), rows)
    return None


def rotation_plan(plan_rotations) -> ChartView | None:
    """A plan's page: its rotations (those the user sees, as its table lists them)."""
    from dangbo.reports.charts.selectors import rotation_row

    return rotations(
        [rotation_row(r.start_date, r.to_role, r.to_title) for r in plan_rotations],
        note=_("The plan's rotations, by the year each started."),
    )


def weak_unit_board(cards) -> ChartView | None:
    """The weak-units board's cards: the units' ratings in each later year."""
    return weak_units(
        [c.unit.code for c in cards],
        [
            {"unit_code": c.unit.code, "year": r.year, "level": r.level}
            for c in cards
            for r in c.later_ratings
        ],
    )


def quarter_board(board) -> list[ChartView]:
    """The quarter board's two charts: each quarter of the stage so far, each area this
    quarter (the figures of the board's own tallies)."""
    from dangbo.supervision.labels import period_label

    found = [
        supervision_periods([tally_row(period_label(p), t) for p, t in board.stage_periods]),
        supervision_units([tally_row(line.subject.name, line.tally) for line in board.by_unit]),
    ]
    return [c for c in found if c is not None]


# What the home keeps with a review's findings to draw its chart later (plain counts,
# computed with the findings from the same rows: a warm home runs no review for it).
HOME_CHARTS = ("tenure", "discipline")


def home_counts(name: str, rows: list[dict]) -> S.Counts | None:
    from dangbo.reports.charts import selectors

    if name == "tenure":
        return S.top(S.tenure_by_unit(rows), MOST_BARS)
    if name == "discipline":
        return discipline_counts(selectors.discipline_rows_with_year(rows))
    return None


def home_chart(name: str, counts: S.Counts | None) -> ChartView | None:
    if counts is None:
        return None
    if name == "tenure":
        return tenure_chart(counts, "chart-home-tenure")
    if name == "discipline":
        return discipline_chart(counts, "chart-home-discipline")
    return None
