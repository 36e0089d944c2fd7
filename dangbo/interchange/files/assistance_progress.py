"""assistance_progress (added to INTERCHANGE.md, docs/interchange.md): the helper's yearly
progress notes on a help (one a year). Key (unit_code, helper_code, start_date, year).

The first three columns name the help as the assistance file does; the help is in the
assistance file of the same dataset or stored. The note is required, and the year is not
before the year the help began (as on the screen).
"""

from django.utils.translation import gettext as _

from dangbo.assessment.models import Assistance, AssistanceProgress
from dangbo.core.errors import Problem
from dangbo.interchange import parsers
from dangbo.interchange.auditlog import AuditWriter
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec

SPEC = FileSpec(
    name="assistance_progress",
    title="Kết quả giúp đỡ",
    model=AssistanceProgress,
    columns=(
        Column("unit_code", "đơn vị được giúp", required=True, parse=parsers.code),
        Column("helper_code", "đơn vị giúp", required=True, parse=parsers.code),
        Column("start_date", "từ ngày", required=True, parse=parsers.day),
        Column("year", "năm", required=True, parse=parsers.year),
        Column("note", "kết quả", required=True),
    ),
    natural_key=("unit_code", "helper_code", "start_date", "year"),
)


def person_codes(rows) -> set[str]:
    return set()


def _helps(rows, ctx: ImportContext, facts) -> set[tuple]:
    """The helps (unit, helper, start) of the assistance file accepted, and stored ones."""
    accepted = facts.accepted.get("assistance", []) if facts else []
    rejected = ctx.rejected_rows("assistance")
    helps = {p.key for p in accepted if p.number not in rejected}
    wanted = {
        (r.values["unit_code"], r.values["helper_code"], r.values["start_date"])
        for r in rows
        if r.ok
    }
    missing = wanted - helps
    if missing:
        for key in Assistance.objects.filter(
            unit__code__in={k[0] for k in missing}, start_date__in={k[2] for k in missing}
        ).values_list("unit__code", "helper__code", "start_date"):
            helps.add(key)
    return helps


def check(rows, ctx: ImportContext, facts=None) -> list[records.Pending]:
    checks = records.RowChecks(SPEC, ctx, facts)
    helps = _helps(rows, ctx, facts)
    what = _("The progress of this help for this year")
    for row, key in checks.new_rows(rows, "year", what):
        v = row.values
        help_key = key[:3]  # (unit, helper, start)
        if help_key not in helps:
            checks.error(
                row,
                "start_date",
                row.raw.get("start_date", ""),
                _(
                    "No help of %(unit)s by %(helper)s starting on this day: it is neither in "
                    "the assistance file nor stored."
                )
                % {"unit": v["unit_code"], "helper": v["helper_code"]},
            )
            continue
        problems = []
        if v["year"] < v["start_date"].year:
            problems.append(Problem("year", _("The help began after this year.")))
        if checks.problems(row, problems):
            continue
        unit = checks.unit(row, "unit_code")
        if unit is not None:
            checks.accept_in(row, key, "unit_code", unit)
    return checks.finish(MODULE)


def _stored(keys):
    return AssistanceProgress.objects.select_related(
        "assistance__unit", "assistance__helper"
    ).filter(assistance__unit__code__in={k[0] for k in keys}, year__in={k[3] for k in keys})


def _key(progress: AssistanceProgress) -> tuple:
    help_ = progress.assistance
    return (help_.unit.code, help_.helper.code, help_.start_date, progress.year)


MODULE = records.Module(
    spec=SPEC,
    model=AssistanceProgress,
    stored=_stored,
    key_of=_key,
    fields=lambda p, refs: {
        "assistance_id": refs.assistance[p.key[:3]],
        "year": p.values["year"],
        "note": p.values["note"],
    },
    label_related=("assistance__helper", "assistance__unit"),
    unit_path_of=lambda r: r.assistance.unit.path,
)


def write(ctx: ImportContext, audit: AuditWriter, accepted, refs: records.Refs) -> None:
    # The helps are written by now (the assistance file comes first).
    units = {p.key[0] for p in accepted}
    refs.assistance = {
        (unit, helper, start): pk
        for pk, unit, helper, start in Assistance.objects.filter(unit__code__in=units).values_list(
            "pk", "unit__code", "helper__code", "start_date"
        )
    }
    records.write(ctx, audit, MODULE, accepted, refs)


def export_rows(notes):
    yield from notes.order_by(
        "assistance__unit__code", "assistance__start_date", "assistance__helper__code", "year"
    ).values_list(
        "assistance__unit__code",
        "assistance__helper__code",
        "assistance__start_date",
        "year",
        "note",
    )
