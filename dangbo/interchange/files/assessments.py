"""assessments: a unit's yearly survey score (khảo sát, đánh giá). Key (year, unit_code).

The level follows the score by the installation's bands (RuleSettings, default weak < 50 ≤
average < 75 ≤ good); a level given must agree with the score, a blank one is filled in.
"""

from django.utils.translation import gettext as _

from dangbo.assessment.models import Assessment, Level
from dangbo.assessment.services import bands, check_score
from dangbo.interchange import parsers
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec
from dangbo.rules.assistance import level_for_score

SPEC = FileSpec(
    name="assessments",
    title="Khảo sát đánh giá",
    columns=(
        Column("year", "năm", required=True, parse=parsers.year),
        Column("unit_code", "đơn vị", required=True, parse=parsers.code),
        Column("score", "điểm", required=True, parse=parsers.score),
        Column("level", "mức", parse=parsers.choice(Level)),
    ),
    natural_key=("year", "unit_code"),
    model=Assessment,
)


def person_codes(rows) -> set[str]:
    return set()


def check(rows, ctx: ImportContext, facts=None) -> list[records.Pending]:
    checks = records.RowChecks(SPEC, ctx, facts)
    installation_bands = bands()
    what = _("The survey of this unit in this year")
    for row, key in checks.new_rows(rows, "unit_code", what):
        v = row.values
        bad = checks.problems(row, check_score(v["score"], v["level"], installation_bands))
        unit = checks.unit(row, "unit_code")
        if bad or unit is None or not checks.in_scope(row, "unit_code", unit):
            continue
        v["level"] = level_for_score(float(v["score"]), installation_bands)
        checks.accept(row, key, unit.code)
    return checks.finish(MODULE)


def _stored(keys):
    return Assessment.objects.select_related("unit").filter(
        year__in={k[0] for k in keys}, unit__code__in={k[1] for k in keys}
    )


MODULE = records.Module(
    spec=SPEC,
    model=Assessment,
    stored=_stored,
    key_of=lambda r: (r.year, r.unit.code),
    fields=records.fields("year", "score", "level", units=(("unit_id", "unit_code"),)),
    label_related=("unit",),
    unit_path_of=lambda r: r.unit.path,
)
write = MODULE.write
export_rows = records.exported(("year", "unit__code"), ("year", "unit__code", "score", "level"))
