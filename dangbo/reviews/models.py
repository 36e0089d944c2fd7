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

    report_day = models.PositiveSmallIntegerField(
        _("supervision report day"),
        default=25,
        help_text=_(
            "Day of the last month of each quarter by which committee members report "
            "in writing (Tân Kỳ: the 25th)."
        ),
    )
    assessment_weak_below = models.PositiveSmallIntegerField(
        _("survey: weak below"), default=50, help_text=_("A survey score below this is weak.")
    )
    assessment_good_from = models.PositiveSmallIntegerField(
        _("survey: good from"), default=75, help_text=_("A survey score from this is good.")
    )

    class Meta:
        verbose_name = _("review settings")
