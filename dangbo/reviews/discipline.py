"""`dangbo review discipline --as-of D`: limitation, expiry, force, bars (RULES §4)."""

from django.utils.translation import gettext_lazy as _

from dangbo.core.dates import vn_date
from dangbo.discipline.facts import cases_by_subject
from dangbo.discipline.selectors import cases_decided_by
from dangbo.reviews.common import code_column, label_column, subject_column
from dangbo.reviews.registry import Column, Review, register
from dangbo.rules.discipline import review_case


def discipline_rows(*, user, as_of) -> list[dict]:
    """One row per visible case decided on or before `as_of` (an open case, or one decided
    later, is not reviewed; its violation still counts for the subject's other cases)."""
    visible = cases_decided_by(user=user, as_of=as_of)
    # Every case of the visible cases' subjects is read once (the rules need a subject's
    # other violations); the visible ones among them are reviewed.
    shown = set(visible.values_list("code", flat=True))
    rows = []
    for (kind, subject), cases in cases_by_subject(visible).items():
        for fact in cases:
            if fact.code not in shown:
                continue
            row = review_case(fact, cases, as_of).to_json()
            row.update(subject_kind=kind, subject_code=subject, form=fact.form)
            rows.append(row)
    return sorted(rows, key=lambda r: r["case_code"])


def _yes(value) -> str:
    return str(_("yes")) if value else ""


register(
    Review(
        name="discipline",
        title=_("Discipline review"),
        help=_("each case: time-barred, expiry, in force, promotion bar, late complaint"),
        reads=("discipline.DisciplineCase",),
        options=("as_of",),
        run=lambda *, user, options: discipline_rows(user=user, as_of=options["as_of"]),
        columns=lambda rows: [
            code_column(_("Case"), "case", "case_code"),
            subject_column(_("Subject"), rows),
            label_column(_("Form"), "discipline_form", "form"),
            Column(_("Time-barred"), lambda r: _yes(r["time_barred"])),
            Column(_("Expires on"), lambda r: vn_date(r["expires_on"])),
            Column(_("In force"), lambda r: _yes(r["in_force"])),
            Column(_("Promotion bar until"), lambda r: vn_date(r["promotion_bar_until"])),
            Column(_("Late complaint"), lambda r: _yes(r["complaint_late"])),
        ],
    )
)
