"""Registers the people screens in the back office (menu group "People")."""

from wagtail import hooks

from dangbo.people.views import PeopleGroup


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleGroup()
