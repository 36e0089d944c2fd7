from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dangbo.reviews.views import TenureReviewView


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("reviews/tenure/", TenureReviewView.as_view(), name="reviews_tenure")]


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return MenuItem(_("Tenure review"), reverse("reviews_tenure"), icon_name="time", order=400)
