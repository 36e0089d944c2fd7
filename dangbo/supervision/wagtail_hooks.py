"""Registers the supervision screens in the back office (menu group "Supervision")."""

from wagtail import hooks

from dangbo.supervision.views import SupervisionGroup


@hooks.register("register_admin_viewset")
def register_supervision_viewsets():
    return SupervisionGroup()
