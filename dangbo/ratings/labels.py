"""What each rating finding means (124-QĐ/TW; 366-QĐ/TW from 2025)."""

from django.utils.translation import gettext_lazy

from dangbo.rules import ratings as rules

FINDING_LABELS = {
    rules.QUOTA_EXCEEDED: gettext_lazy("More rated excellent than the quota allows"),
    rules.DISCIPLINED: gettext_lazy(
        "Disciplined in the year but not rated as failing to fulfil duties"
    ),
    rules.MISMATCH: gettext_lazy("The level is not the band of the score"),
    rules.EXCELLENT_BLOCKED: gettext_lazy(
        "Rated excellent although a unit below it, or one of its leaders, was disciplined "
        "in the year"
    ),
}
