from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "dangbo.reports"
    label = "reports"
    verbose_name = _("Documents")

    def ready(self):
        from dangbo.reports import permissions  # noqa: F401 (registers the permission policies)
