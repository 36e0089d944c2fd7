from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RotationConfig(AppConfig):
    name = "dangbo.rotation"
    label = "rotation"
    verbose_name = _("Rotation")

    def ready(self):
        from dangbo.rotation import permissions  # noqa: F401 (registers the permission policies)
