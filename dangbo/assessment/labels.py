"""What each assistance finding means (RULES §3)."""

from django.utils.translation import gettext_lazy

from dangbo.rules import assistance as rules

FINDING_LABELS = {
    rules.NO_LEAD: gettext_lazy("No lead helper on 31 March of the next year"),
    rules.TWO_LEADS: gettext_lazy("More than one lead helper on 31 March of the next year"),
}
