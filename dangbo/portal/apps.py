from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "dangbo.portal"
    label = "portal"
    verbose_name = _("Public sub-sites")

    def ready(self):
        from dangbo.portal.cache import connect_signals

        connect_signals()
