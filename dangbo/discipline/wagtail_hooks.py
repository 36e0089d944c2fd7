"""Registers the discipline screens in the back office (menu group "Discipline")."""

from wagtail import hooks

from dangbo.discipline.lists import PublishedListViewSet
from dangbo.discipline.views import DisciplineGroup


class DisciplineMenu(DisciplineGroup):
    # The lists to approve and publish (dangbo/discipline/lists.py) join the group.
    items = (*DisciplineGroup.items, PublishedListViewSet)


@hooks.register("register_admin_viewset")
def register_discipline_viewsets():
    return DisciplineMenu()
