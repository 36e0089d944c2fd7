"""The statuses of a quarterly report (RULES §6)."""

from django.utils.translation import gettext_lazy

STATUS_LABELS = {
    "on_time": gettext_lazy("On time"),
    "late": gettext_lazy("Late"),
    "missing": gettext_lazy("Missing"),
    "not_due": gettext_lazy("Not due yet"),
}
