"""What each rotation finding means, in the words of 65-QĐ/TW and the texts it relies on."""

from django.utils.translation import gettext_lazy

FINDING_LABELS = {
    "too_short": gettext_lazy("Planned for less than 36 months"),
    "too_close_to_retirement": gettext_lazy(
        "Fewer years of service left before retirement than a rotation needs "
        "(10 years; 5 for a term limit or a non-local appointment)"
    ),
    "under_discipline": gettext_lazy("A discipline decision against the person is in force"),
    "promotion_barred": gettext_lazy(
        "A promotion to a higher post while the person is under a promotion bar"
    ),
}
