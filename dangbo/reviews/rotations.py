"""`dangbo review rotations`: rotations with findings (RULES §2)."""

from django.utils.translation import gettext_lazy as _

from dangbo.discipline.facts import CASE_COLUMNS, case_from_row
from dangbo.discipline.models import DisciplineCase
from dangbo.reviews.common import with_names
from dangbo.reviews.registry import Column, Review, register
from dangbo.rotation.labels import FINDING_LABELS
from dangbo.rotation.selectors import rotation_list_visible_to
from dangbo.rotation.services import as_rotation
from dangbo.rules.rotation import review_rotations


def rotation_rows(*, user) -> list[dict]:
    rotations = list(rotation_list_visible_to(user=user).order_by("code"))
    people = {r.person.code: (r.person.birth_date, r.person.gender) for r in rotations}
    cases: dict[str, list] = {code: [] for code in people}
    person_cases = DisciplineCase.objects.filter(person__code__in=people)
    for row in person_cases.values_list(*CASE_COLUMNS):
        case = case_from_row(row)
        cases[case.subject_code].append(case)
    rows = review_rotations([as_rotation(r) for r in rotations], people, cases)
    return with_names(rows, "person_code", None)


register(
    Review(
        name="rotations",
        title=_("Rotation review"),
        help=_("rotations with findings: too short, close to retirement, discipline, bars"),
        options=(),
        run=lambda *, user, options: rotation_rows(user=user),
        columns=lambda rows: [
            Column(_("Rotation"), lambda r: r["rotation_code"]),
            Column(_("Code"), lambda r: r["person_code"]),
            Column(_("Full name"), lambda r: r["full_name"] or ""),
            Column(
                _("Findings"),
                lambda r: "; ".join(str(FINDING_LABELS.get(f, f)) for f in r["findings"]),
            ),
        ],
    )
)
