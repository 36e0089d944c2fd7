from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "dangbo.ratings"
    label = "ratings"
    verbose_name = _("Annual classification")

    def ready(self):
        from django.db.models.signals import post_migrate

        from dangbo.ratings import permissions  # noqa: F401 (registers the permission policies)
        from dangbo.ratings.groups import seed_after_migrate

        post_migrate.connect(seed_after_migrate, sender=self)
