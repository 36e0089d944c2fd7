from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisciplineConfig(AppConfig):
    name = "dangbo.discipline"
    label = "discipline"
    verbose_name = _("Discipline")

    def ready(self):
        from dangbo.discipline import permissions  # noqa: F401 (registers the permission policies)
