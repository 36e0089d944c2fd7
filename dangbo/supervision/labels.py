"""The statuses of a quarterly report (RULES §6), and how a period reads."""

from django.utils.translation import gettext, gettext_lazy

from dangbo.rules.supervision import parse_period

STATUS_LABELS = {
    "on_time": gettext_lazy("On time"),
    "late": gettext_lazy("Late"),
    "missing": gettext_lazy("Missing"),
    "not_due": gettext_lazy("Not due yet"),
}

# A mark beside each label, so that the status reads in print and without colour too.
STATUS_MARKS = {"on_time": "✓", "late": "!", "missing": "✗", "not_due": "…"}


def period_label(period: str) -> str:
    """ "2019Q3" as a reader writes it: "Quý 3/2019"."""
    year, quarter = parse_period(period)
    return gettext("Quarter %(quarter)s/%(year)s") % {"quarter": quarter, "year": year}
