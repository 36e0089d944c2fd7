from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "dangbo.home"
    label = "home"
    verbose_name = _("Home")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from dangbo.home import providers  # noqa: F401 (registers the due work and counts)
        from dangbo.home.registry import autodiscover
        from dangbo.home.selectors import remember_previous_login

        autodiscover()
        # Connected before django.contrib.auth's update_last_login (this app comes first in
        # INSTALLED_APPS), so it still reads the previous login.
        user_logged_in.connect(remember_previous_login, dispatch_uid="dangbo_previous_login")
