"""Registers the organization screens in the back office (menu group "Organization")."""

from wagtail import hooks

from dangbo.org.views import OrganizationGroup


@hooks.register("register_admin_viewset")
def register_organization_viewsets():
    return OrganizationGroup()
