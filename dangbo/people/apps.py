from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "dangbo.people"
    label = "people"
    verbose_name = _("People and posts")

    def ready(self):
        from dangbo.people import permissions  # noqa: F401 (registers the permission policies)
