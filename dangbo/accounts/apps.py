from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "dangbo.accounts"
    label = "accounts"
    verbose_name = _("Accounts")


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user screens, with the unit and role fields."""

    user_viewset = "dangbo.accounts.viewsets.UserViewSet"
