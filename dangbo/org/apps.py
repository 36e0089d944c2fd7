from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "dangbo.org"
    label = "org"
    verbose_name = _("Organization")

    def ready(self):
        from dangbo.org import permissions  # noqa: F401 (registers the permission policies)
