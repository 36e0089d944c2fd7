from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "dangbo.supervision"
    label = "supervision"
    verbose_name = _("Regular supervision")

    def ready(self):
        from dangbo.supervision import permissions  # noqa: F401 (registers the permission policies)
