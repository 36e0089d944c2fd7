"""Registers the rotation screens in the back office (menu group "Rotation")."""

from wagtail import hooks

from dangbo.rotation.views import RotationGroup


@hooks.register("register_admin_viewset")
def register_rotation_viewsets():
    return RotationGroup()
