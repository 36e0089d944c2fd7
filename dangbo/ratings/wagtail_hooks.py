"""Registers the classification screens in the back office (menu group "Classification")."""

from wagtail import hooks

from dangbo.ratings.views import RatingsGroup


@hooks.register("register_admin_viewset")
def register_ratings_viewsets():
    return RatingsGroup()
