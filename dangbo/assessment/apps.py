from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "dangbo.assessment"
    label = "assessment"
    verbose_name = _("Grassroots assessment and help")

    def ready(self):
        from dangbo.assessment import permissions  # noqa: F401 (registers the permission policies)
