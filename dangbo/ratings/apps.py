from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "dangbo.ratings"
    label = "ratings"
    verbose_name = _("Annual classification")

    def ready(self):
        from dangbo.ratings import permissions  # noqa: F401 (registers the permission policies)
