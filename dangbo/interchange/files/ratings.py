"""ratings: the yearly classification of units and persons (xếp loại chất lượng).
Key (year, subject_kind, subject_code): a subject is rated once a year.

A person's rating belongs to the person's unit (scope, approval by round). Findings of the
rules (quota, disciplined in the year, score and level apart) are left to the review.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from dangbo.core.errors import Problem
from dangbo.core.text import fold
from dangbo.interchange import parsers
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec
from dangbo.ratings.models import Level, Rating, SubjectKind
from dangbo.ratings.selectors import group_forms
from dangbo.ratings.services import check_rating, closed_message, closing_rounds, closing_status

SPEC = FileSpec(
    name="ratings",
    title="Xếp loại",
    columns=(
        Column("year", "năm", required=True, parse=parsers.year),
        Column("subject_kind", "đối tượng", required=True, parse=parsers.choice(SubjectKind)),
        Column("subject_code", "mã đối tượng", required=True, parse=parsers.code),
        Column("group", "nhóm", required=True),
        Column("level", "xếp loại", required=True, parse=parsers.choice(Level)),
        Column("score", "điểm", parse=parsers.score),
    ),
    natural_key=("year", "subject_kind", "subject_code"),
    model=Rating,
)


person_codes = records.subject_people


def check(rows, ctx: ImportContext, facts: records.PersonFacts) -> list[records.Pending]:
    checks = records.RowChecks(SPEC, ctx, facts)
    groups = group_forms()
    for row, key in checks.new_rows(rows, "subject_code", _rating_of):
        v = row.values
        if checks.problems(row, check_rating(v["level"], v["score"]) + _group(v, groups)):
            continue
        _person, unit = checks.subject(row)
        if unit is None:
            continue
        checks.accept_in(row, key, "subject_code", unit, _unit_rated_before_it_existed(v, unit))
    checks.finish(MODULE)
    _refuse_changes_to_closed_rounds(ctx, checks)
    return checks.accepted


def _rating_of(v: dict) -> str:
    return _("A rating of %(code)s for %(year)d") % {"code": v["subject_code"], "year": v["year"]}


def _group(v: dict, groups: dict[str, str]) -> list[Problem]:
    """The `group` cell: a kept group's code, or its Vietnamese name (any case or marks),
    stored as the code."""
    written = v["group"]
    code = written if written in groups.values() else groups.get(fold(written.replace("_", " ")))
    if code is None:
        message = _(
            "Unknown rating group “%(group)s”: use the code or the name of a group of the "
            "kept list (Classification → Rating groups)."
        ) % {"group": written}
        return [Problem("group", message, written)]
    v["group"] = code
    return []


def _refuse_changes_to_closed_rounds(ctx: ImportContext, checks: records.RowChecks) -> None:
    """A rating of a submitted or an approved round is closed, as on the screens: a row that
    would add or change one is refused (the same row as stored changes nothing and passes)."""
    closed: dict[int, list] = {}
    pending = []
    for p in checks.accepted:
        year = p.values["year"]
        if year not in closed:
            closed[year] = closing_rounds(year)
        unit = ctx.units.get(p.unit_code)
        status = (
            closing_status(year, unit.path, closed[year])
            if closed[year] and unit and unit.path
            else None
        )
        if status:
            pending.append((p, status))
    if not pending:
        return
    stored = {MODULE.key_of(r): r for r in MODULE.stored([p.key for p, _s in pending])}
    for p, status in pending:
        rating = stored.get(p.key)
        same = rating is not None and (rating.group, rating.level, rating.score) == (
            p.values["group"],
            p.values["level"],
            p.values["score"],
        )
        if not same:
            ctx.error(
                SPEC.name,
                p.number,
                "level",
                p.values["level"],
                closed_message(status, p.values["year"]),
            )


def _unit_rated_before_it_existed(v: dict, unit) -> list[Problem]:
    if v["subject_kind"] != SubjectKind.UNIT or not unit.valid_from:
        return []
    if unit.valid_from.year <= v["year"]:
        return []
    message = _("The unit %(unit)s only exists from %(day)s.") % {
        "unit": unit.name,
        "day": unit.valid_from.isoformat(),
    }
    return [Problem("year", message, str(v["year"]))]


def _stored(keys):
    people = {k[2] for k in keys if k[1] == SubjectKind.PERSON}
    units = {k[2] for k in keys if k[1] == SubjectKind.UNIT}
    return Rating.objects.select_related("person", "unit").filter(
        Q(subject_kind=SubjectKind.PERSON, person__code__in=people)
        | Q(subject_kind=SubjectKind.UNIT, unit__code__in=units),
        year__in={k[0] for k in keys},
    )


MODULE = records.Module(
    spec=SPEC,
    model=Rating,
    stored=_stored,
    key_of=lambda r: (r.year, r.subject_kind, r.subject_code),
    fields=lambda p, refs: {
        "year": p.values["year"],
        "subject_kind": p.values["subject_kind"],
        "person_id": refs.person(p.values["subject_code"])
        if p.values["subject_kind"] == SubjectKind.PERSON
        else None,
        "unit_id": refs.unit(p.unit_code),
        "group": p.values["group"],
        "level": p.values["level"],
        "score": p.values["score"],
    },
    label_related=("person", "unit"),
    unit_path_of=lambda r: r.unit.path,
)
write = MODULE.write


def export_rows(ratings):
    for rating in ratings.select_related("person", "unit").order_by(
        "year", "subject_kind", "unit__code", "person__code"
    ):
        yield (
            rating.year,
            rating.subject_kind,
            rating.subject_code,
            rating.group,
            rating.level,
            rating.score,
        )
