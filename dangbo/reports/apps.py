from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ReportsConfig(AppConfig):
    name = "dangbo.reports"
    label = "reports"
    verbose_name = pgettext_lazy("register", "Documents")

    def ready(self):
        from dangbo.reports import permissions  # noqa: F401 (registers the permission policies)
