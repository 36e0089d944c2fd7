"""Users and their grants: each grant is a role on a unit for a period; units bound all a user sees.

One person often holds several rights at once (a standing committee member who also supervises
an area as a committee member), so a user holds any number of grants (phân quyền), like
hitobito's roles. What each role may do with each kind of record is in the apps' permissions.py
(docs/roles.md); which units a grant reaches is in dangbo.org.scope.
"""

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UserRole(models.TextChoices):
    ORGANIZATION_OFFICE = "organization_office", _("Organization office staff")
    STANDING_COMMITTEE = "standing_committee", _("Standing committee member")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    INSPECTION = "inspection", _("Inspection commission")
    HELPER_BODY = "helper_body", _("Helper body")
    GRASSROOTS_SECRETARY = "grassroots_secretary", _("Grassroots secretary")
    EDITOR = "editor", _("Editor")
    # The board's leader who approves what its sub-site's editors submit (lãnh đạo duyệt tin).
    PORTAL_APPROVER = "portal_approver", _("Portal approver")


class User(AbstractUser):
    # The person this login is (a committee member files their own supervision reports).
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="user",
        help_text=_("The party member this login belongs to, if any."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self):
        """The Vietnamese order: họ (family and middle names, `last_name`) before tên (the
        given name, `first_name`), "Võ Hữu Việt". Wagtail's histories and timelines show it
        (`user_display_name`), the username only when there is no name."""
        return f"{self.last_name} {self.first_name}".strip()


def active_on(day: date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


class Grant(models.Model):
    """A role a user holds on a unit (and, through it, its subtree and history) for a period."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="grants"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="grants"
    )
    role = models.CharField(_("role"), max_length=32, choices=UserRole.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["user", "valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="accounts_grant_period",
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} — {self.unit.name}"

    def is_active_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class PortalSiteAccess(models.Model):
    """The Wagtail groups, collection and workflow through which one sub-site is edited.

    Kept by `dangbo.portal.permissions` (never edited by hand): the editors' group adds and
    changes pages under the site's home and images and documents of its collection; the
    approvers' group also publishes, and reviews the site's approval workflow. Users are
    put in them by their editor and approver grants on the unit of the site's settings.
    """

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="portal_access",
    )
    editors = models.OneToOneField(
        "auth.Group", verbose_name=_("editors' group"), on_delete=models.PROTECT, related_name="+"
    )
    approvers = models.OneToOneField(
        "auth.Group",
        verbose_name=_("approvers' group"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name=_("workflow"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sub-site access")
        verbose_name_plural = _("sub-site access")

    def __str__(self):
        return self.site.site_name or self.site.hostname
