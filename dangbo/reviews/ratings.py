"""`dangbo review ratings --year Y`: quota, discipline, score bands, blocked excellence."""

from django.utils.translation import gettext_lazy as _

from dangbo.ratings.facts import findings_for
from dangbo.ratings.selectors import rating_list_visible_to
from dangbo.reviews.common import subject_column
from dangbo.reviews.labels import label
from dangbo.reviews.registry import Column, Review, register


def rating_rows(*, user, year: int) -> list[dict]:
    return findings_for(rating_list_visible_to(user=user).filter(year=year), year)


register(
    Review(
        name="ratings",
        title=_("Classification review"),
        help=_(
            "findings on a year's ratings: quota, discipline, score bands, blocked excellence "
            "(124-QĐ/TW; from 2025 366-QĐ/TW)"
        ),
        reads=("ratings.Rating", "discipline.DisciplineCase"),
        options=("year",),
        run=lambda *, user, options: rating_rows(user=user, year=options["year"]),
        columns=lambda rows: [
            Column(_("Finding"), lambda r: label("rating_finding", r["finding"])),
            Column(_("Group"), lambda r: r["group"]),
            Column(_("Subject kind"), lambda r: label("rating_subject_kind", r["subject_kind"])),
            subject_column(_("Subject"), rows),
        ],
    )
)
