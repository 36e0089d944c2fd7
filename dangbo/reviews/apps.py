from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "dangbo.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from dangbo.reviews import cli_tenure  # noqa: F401  (registers the review)
