from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "dangbo.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        # Importing a review module registers it with `dangbo review`.
        from dangbo.reviews import (  # noqa: F401
            assistance,
            cli_tenure,
            discipline,
            ratings,
            rotations,
            supervision,
        )
