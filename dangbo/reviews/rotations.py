"""`dangbo review rotations`: rotations with findings (RULES §2)."""

from django.utils.translation import gettext_lazy as _

from dangbo.discipline.facts import CASE_COLUMNS, case_from_row
from dangbo.discipline.models import DisciplineCase
from dangbo.reviews.common import code_column, record_column
from dangbo.reviews.labels import label
from dangbo.reviews.registry import Column, Review, register
from dangbo.rotation.selectors import rotation_list_visible_to
from dangbo.rules import rotation as rules


def rotation_rows(*, user) -> list[dict]:
    visible = rotation_list_visible_to(user=user)
    rows = visible.order_by("code").values_list(
        "code",
        "person__code",
        "person__full_name",
        "person__birth_date",
        "person__gender",
        "start_date",
        "planned_months",
        "to_role",
        "reason",
        "from_role",
    )
    rotations, people, names = [], {}, {}
    for code, person, name, birth, gender, start, months, to_role, reason, from_role in rows:
        rotations.append(
            rules.Rotation(
                code=code,
                person_code=person,
                start=start,
                planned_months=months,
                to_role=to_role,
                reason=reason or None,
                from_role=from_role or None,
            )
        )
        people[person] = (birth, gender)
        names[person] = name
    cases: dict[str, list] = {code: [] for code in people}
    person_cases = DisciplineCase.objects.filter(person__in=visible.values("person"))
    for row in person_cases.values_list(*CASE_COLUMNS):
        case = case_from_row(row)
        cases[case.subject_code].append(case)
    findings = rules.review_rotations(rotations, people, cases)
    for row in findings:
        row["full_name"] = names.get(row["person_code"])
    return findings


register(
    Review(
        name="rotations",
        title=_("Rotation review"),
        help=_("rotations with findings: too short, close to retirement, discipline, bars"),
        reads=("rotation.Rotation", "discipline.DisciplineCase"),
        options=(),
        run=lambda *, user, options: rotation_rows(user=user),
        columns=lambda rows: [
            code_column(_("Rotation"), "rotation", "rotation_code"),
            record_column(_("Full name"), rows, "person", "person_code", name_key="full_name"),
            Column(
                _("Findings"),
                lambda r: "; ".join(label("rotation_finding", f) for f in r["findings"]),
            ),
        ],
    )
)
