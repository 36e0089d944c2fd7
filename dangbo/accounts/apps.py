from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # apps.py holds two configs: without this Django would use neither for "dangbo.accounts",
    # and `ready` (the portal's sync at login) would never run.
    default = True
    name = "dangbo.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from dangbo.accounts.portal import sync_portal_access

        def portal_access_at_login(sender, user, **kwargs):
            sync_portal_access(user)

        user_logged_in.connect(portal_access_at_login, dispatch_uid="dangbo_portal_access")

        # The sub-sites' rights follow their settings and home pages too (and the module
        # registers its page-chooser hook).
        from dangbo.portal.permissions import connect_signals

        connect_signals()


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user screens, with the unit and role fields."""

    user_viewset = "dangbo.accounts.viewsets.UserViewSet"
