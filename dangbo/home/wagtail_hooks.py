"""The home per role in place of Wagtail's dashboard; the search; the guide in the help menu."""

from django.urls import path
from wagtail import hooks

from dangbo.home import guide, views


@hooks.register("register_admin_urls")
def register_home_urls():
    return [
        path("search/", views.SearchView.as_view(), name="home_search"),
        path("search/units.json", views.UnitLookupView.as_view(), name="home_unit_lookup"),
        path("home/reviews/", views.FindingsFragmentView.as_view(), name="home_findings"),
        path("guide/", guide.GuideView.as_view(), name="home_guide_index"),
        path("guide/img/<str:name>", guide.guide_image, name="home_guide_image"),
        path("guide/<slug:slug>/", guide.GuideView.as_view(), name="home_guide"),
    ]


@hooks.register("construct_homepage_panels")
def home_panels(request, panels):
    """Our panel first; Wagtail's page panels stay for those who edit the portal (they show
    nothing to the others)."""
    panels.insert(0, views.HomePanel(request))


@hooks.register("construct_help_menu")
def guide_in_help_menu(request, menu_items):
    guide.add_help_items(request, menu_items)
