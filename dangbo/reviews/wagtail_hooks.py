from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from dangbo.reviews.registry import REVIEWS
from dangbo.reviews.views import ReviewView, TenureReviewView


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("reviews/tenure/", TenureReviewView.as_view(), name="reviews_tenure"),
        path("reviews/<slug:name>/", ReviewView.as_view(), name="reviews_review"),
    ]


def _url(name: str) -> str:
    if name == "tenure":
        return reverse("reviews_tenure")
    return reverse("reviews_review", args=[name])


class ReviewMenuItem(MenuItem):
    """A review's entry, shown to those who may see the review (`Review.visible_to`)."""

    def __init__(self, review, order):
        super().__init__(review.title, _url(review.name), icon_name="list-ul", order=order)
        self.review = review

    def is_shown(self, request):
        return self.review.visible_to(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu():
    items = [
        ReviewMenuItem(review, order=i)
        for i, review in enumerate(sorted(REVIEWS.values(), key=lambda r: r.name))
    ]
    return SubmenuMenuItem(_("Reviews"), Menu(items=items), icon_name="time", order=400)
