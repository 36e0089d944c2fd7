"""Per-installation settings of the reviews, editable in the back office (Settings menu)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cog")
class ReviewSettings(BaseGenericSetting):
    tenure_include_deputies = models.BooleanField(
        _("tenure review includes deputies"),
        default=False,
        help_text=_(
            "Review deputies (cấp phó) too, as Tân Kỳ does. Party rules (65-QĐ/TW) cover heads."
        ),
    )

    class Meta:
        verbose_name = _("review settings")
