"""Registers the discipline screens in the back office (menu group "Discipline")."""

from wagtail import hooks

from dangbo.discipline.views import DisciplineGroup


@hooks.register("register_admin_viewset")
def register_discipline_viewsets():
    return DisciplineGroup()
