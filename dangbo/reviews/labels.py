"""The words for the codes review rows hold: one place, reusing each app's own labels.

A review's JSON (INTERCHANGE.md) keeps the codes; the screens, the downloads and the
terminal table show these labels instead.
"""

from django.utils.translation import gettext_lazy as _

from dangbo.assessment.labels import FINDING_LABELS as ASSISTANCE_FINDINGS
from dangbo.discipline.models import Form
from dangbo.discipline.models import SubjectKind as DisciplineSubjectKind
from dangbo.people.models import Role
from dangbo.ratings.labels import FINDING_LABELS as RATING_FINDINGS
from dangbo.ratings.models import SubjectKind as RatingSubjectKind
from dangbo.rotation.labels import FINDING_LABELS as ROTATION_FINDINGS
from dangbo.supervision.labels import STATUS_LABELS as REPORT_STATUSES

TENURE_STATUSES = {"over": _("over two terms"), "approaching": _("approaching")}

LABELS = {
    "assistance_finding": ASSISTANCE_FINDINGS,
    "rating_finding": RATING_FINDINGS,
    "rotation_finding": ROTATION_FINDINGS,
    "discipline_form": dict(Form.choices),
    "discipline_subject_kind": dict(DisciplineSubjectKind.choices),
    "rating_subject_kind": dict(RatingSubjectKind.choices),
    "role": dict(Role.choices),
    "report_status": REPORT_STATUSES,
    "tenure_status": TENURE_STATUSES,
}


def labeller(kind: str):
    """`label(kind, ·)` with the labels put into words once, in the language active now: a
    review's column reads thousands of rows (a 10,000-row annex translated each row's label
    anew, a fifth of its words' cost)."""
    words = {value: str(text) for value, text in LABELS[kind].items()}

    def label_of(value) -> str:
        if value is None or value == "":
            return ""
        return words.get(value) or str(value)

    return label_of


def label(kind: str, value) -> str:
    """The label of `value` among the `kind` labels; an unknown value as it is, None as ''."""
    if value is None or value == "":
        return ""
    return str(LABELS[kind].get(value, value))
