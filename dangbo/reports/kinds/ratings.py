"""`ratings` (BÁO CÁO): the year's classification results per group, with the quota check and
the findings of the classification review (RULES §5).

Counted over `dangbo.ratings.selectors.quota_population`, the one population the rating screens,
the rounds and the review count (the year's ratings the user sees, in the issuing committee's
subtree); the quota lines are `quota_check`'s, the findings `round_findings`' (the review's
`findings_for`).
"""

from django.db.models import Case, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangbo.core.numbers import vn_decimal
from dangbo.ratings.models import Level, SubjectKind
from dangbo.ratings.selectors import (
    labelled,
    quota_check,
    quota_population,
    quota_words,
    round_findings,
)
from dangbo.reports.content import Content, DocumentKind, Section, Table
from dangbo.reports.kinds._common import area, list_items, named
from dangbo.reviews.common import subject_names

# The levels from the best down, as the results are read (the codes sort otherwise).
LEVEL_RANK = Case(
    *(When(level=level, then=Value(i)) for i, level in enumerate(Level.values)),
    default=Value(len(Level.values)),
)


def level_counts(*, user, year: int, unit=None) -> dict:
    """(group, subject kind) -> {level: count}, with the quota line, from `quota_check`."""
    covered = area(unit)
    kinds = {str(label): code for code, label in SubjectKind.choices}
    levels = {str(label): code for code, label in Level.choices}
    found = {}
    for line in quota_check(user=user, year=year, unit=covered):
        key = (line["group"], kinds.get(line["subject_kind"], line["subject_kind"]))
        found[key] = {
            "line": line,
            "levels": {levels[str(label)]: n for label, n in line["levels"]},
        }
    return found


def ratings_figures(counts: dict, findings: list[dict]) -> dict:
    figures = {"rated": sum(c["line"]["total"] for c in counts.values())}
    for (group, kind), c in counts.items():
        for level, n in c["levels"].items():
            figures[f"{group}.{kind}.{level}"] = n
        figures[f"{group}.{kind}.total"] = c["line"]["total"]
        figures[f"{group}.{kind}.allowed_excellent"] = c["line"]["allowed"]
    figures["groups"] = len(counts)
    figures["groups_over_quota"] = sum(1 for c in counts.values() if c["line"]["over"])
    figures["findings"] = len(findings)
    return figures


COLUMNS = (
    ("subject", gettext_lazy("Rated")),
    ("unit", gettext_lazy("Unit")),
    ("level", gettext_lazy("Level")),
    ("score", gettext_lazy("Score")),
)


def _score(value) -> str:
    return vn_decimal(value)


def columns_for(kind: str, ratings) -> tuple:
    """The list's columns without the empty ones: a unit rated is its own unit (no "Unit"),
    and a group rated without scores has no "Score" column."""
    skip = set()
    if kind == SubjectKind.UNIT:
        skip.add("unit")
    if not ratings.filter(score__isnull=False).exists():
        skip.add("score")
    return tuple((key, str(heading)) for key, heading in COLUMNS if key not in skip)


def group_rows(ratings):
    levels = dict(Level.choices)
    for r in ratings.iterator(chunk_size=2000):
        person = r.person if r.person_id else None
        yield {
            "subject": named(person.full_name, person.code)
            if person
            else named(r.unit.name, r.unit.code),
            "unit": r.unit.name if person else "",
            "level": str(levels.get(r.level, r.level)),
            "score": _score(r.score),
        }


def build(*, user, unit=None, options) -> Content:
    year = int(options["year"])
    covered = area(unit)
    counts = level_counts(user=user, year=year, unit=unit)
    findings = labelled(round_findings(user=user, year=year, unit=covered))
    figures = {"year": year, **ratings_figures(counts, findings)}
    level_names = dict(Level.choices)
    population = quota_population(user=user, year=year, unit=covered)
    groups, tables = [], []
    for number, ((group, kind), c) in enumerate(counts.items(), start=1):
        line = c["line"]
        groups.append(
            Section(
                f"{number}. {line['group_name']} ({line['subject_kind'].lower()})",
                paragraphs=(_("%(total)d rated, of whom:") % {"total": line["total"]},),
                items=list_items(
                    [f"{level_names[level]}: {c['levels'].get(level, 0)}" for level in Level.values]
                    + [_("quota: %(words)s") % {"words": line["words"].rstrip(".")}]
                ),
            )
        )
        ratings = (
            population.filter(group=group, subject_kind=kind)
            .annotate(rank=LEVEL_RANK)
            .order_by("rank", "unit__name", "person__full_name")
        )
        tables.append(
            Table(
                title=_("LIST"),
                subtitle=_("classification of %(year)d: %(group)s (%(kind)s)")
                % {"year": year, "group": line["group_name"], "kind": line["subject_kind"].lower()},
                columns=columns_for(kind, ratings),
                rows=group_rows(ratings.select_related("person", "unit")),
            )
        )
    names = subject_names(findings)
    finding_lines = [
        _("%(finding)s: %(group)s%(subject)s")
        % {
            "finding": f["label"],
            "group": f["group_name"],
            "subject": (
                f", {names.get((f['subject_kind'], f['subject_code']), f['subject_code'])}"
                if f.get("subject_code")
                else ""
            ),
        }
        for f in findings
    ]
    sections = (
        Section(
            _("I- CLASSIFICATION RESULTS"),
            paragraphs=(
                _(
                    "In %(year)d, %(rated)d party organizations and members were rated, in "
                    "%(groups)d groups."
                )
                % {"year": year, "rated": figures["rated"], "groups": figures["groups"]},
            ),
            subsections=tuple(groups),
        ),
        Section(
            _("II- QUOTA AND FINDINGS"),
            paragraphs=(
                (
                    _("In each group, %(quota)s; %(over)d groups exceed it.")
                    if figures["groups_over_quota"]
                    else _("In each group, %(quota)s; every group keeps to it.")
                )
                % {"quota": quota_words(year), "over": figures["groups_over_quota"]},
                (
                    _("The classification review finds:")
                    if findings
                    else _("The classification review finds nothing to correct.")
                ),
            ),
            items=list_items(finding_lines),
        ),
    )
    return Content(
        kind="ratings",
        doc_type="BC",
        type_title=_("REPORT"),
        subject=_("results of the classification of party organizations and members in %(year)d")
        % {"year": year},
        sections=sections,
        tables=tuple(tables),
        figures=figures,
    )


KIND = DocumentKind(
    name="ratings",
    title=gettext_lazy("Classification results"),
    doc_type="BC",
    options=("year",),
    reads=("ratings.Rating", "discipline.DisciplineCase"),
    build=build,
)
