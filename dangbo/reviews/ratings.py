"""`dangbo review ratings --year Y`: quota, discipline, score bands, blocked excellence."""

from django.utils.translation import gettext_lazy as _

from dangbo.ratings.facts import findings_for
from dangbo.ratings.selectors import group_names, quota_population
from dangbo.reviews.common import label_column, subject_column
from dangbo.reviews.registry import Column, Review, register


def rating_rows(*, user, year: int) -> list[dict]:
    """The findings over the year's ratings in the user's whole scope: the population the
    rating screens count when no round names a committee (ratings.selectors)."""
    return findings_for(quota_population(user=user, year=year), year)


def _group_column(rows):
    names = group_names() if rows else {}
    return Column(_("Group"), lambda r: names.get(r["group"], r["group"]))


register(
    Review(
        name="ratings",
        title=_("Classification review"),
        help=_(
            "findings on a year's ratings: quota, discipline, score bands, blocked excellence "
            "(124-QĐ/TW; from 2025 366-QĐ/TW), counted over the year's ratings in every unit "
            "you can see"
        ),
        reads=("ratings.Rating", "discipline.DisciplineCase"),
        options=("year",),
        run=lambda *, user, options: rating_rows(user=user, year=options["year"]),
        columns=lambda rows: [
            label_column(_("Finding"), "rating_finding", "finding"),
            _group_column(rows),
            label_column(_("Subject kind"), "rating_subject_kind", "subject_kind"),
            subject_column(_("Subject"), rows),
        ],
    )
)
