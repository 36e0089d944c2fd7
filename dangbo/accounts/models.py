"""Users, each attached to a unit with a role; the unit bounds everything they see."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserRole(models.TextChoices):
    ORGANIZATION_OFFICE = "organization_office", _("Organization office staff")
    STANDING_COMMITTEE = "standing_committee", _("Standing committee member")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    INSPECTION = "inspection", _("Inspection commission")
    HELPER_BODY = "helper_body", _("Helper body")
    GRASSROOTS_SECRETARY = "grassroots_secretary", _("Grassroots secretary")
    EDITOR = "editor", _("Editor")


class User(AbstractUser):
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=32, choices=UserRole.choices, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
