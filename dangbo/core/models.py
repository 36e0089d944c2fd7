"""Fields shared by the capability apps."""

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from dangbo.rules.supervision import DEFAULT_REPORT_DAY
from dangbo.rules.versions import SUPERVISION_DEADLINE


class Overridable(models.Model):
    """A record entered despite a finding: who overrode it, when, and the written reason.

    Screens and the API refuse such a record unless a user whose role may decide gives a
    reason; an import records history as it happened and leaves findings to the reviews.
    """

    override_reason = models.TextField(_("override reason"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    override_at = models.DateTimeField(_("overridden at"), null=True, blank=True)

    class Meta:
        abstract = True


@register_setting(icon="cog")
class RuleSettings(BaseGenericSetting):
    """Per-installation settings of the rules (RULES.md names each with its default)."""

    tenure_include_deputies = models.BooleanField(
        _("tenure review includes deputies"),
        default=False,
        help_text=_(
            "Review deputies (cấp phó) too, as Tân Kỳ does. Party rules (65-QĐ/TW) cover heads."
        ),
    )

    report_day = models.PositiveSmallIntegerField(
        _("supervision report day"),
        default=DEFAULT_REPORT_DAY,
        help_text=format_lazy(
            _(
                "Day of the last month of each quarter by which committee members report in "
                "writing (day {day} by default). Findings cite it as “{rule}”."
            ),
            day=DEFAULT_REPORT_DAY,
            rule=SUPERVISION_DEADLINE.format(day=DEFAULT_REPORT_DAY),
        ),
    )
    assessment_weak_below = models.PositiveSmallIntegerField(
        _("survey: weak below"), default=50, help_text=_("A survey score below this is weak.")
    )
    assessment_good_from = models.PositiveSmallIntegerField(
        _("survey: good from"), default=75, help_text=_("A survey score from this is good.")
    )

    class Meta:
        verbose_name = _("rule settings")


class BulkCreation(models.Model):
    """Records one audited bulk change created (an import of people or posts): an id range.

    A million imported people get one audit entry (the import's, with its user, time and
    file) and a row here per batch, instead of a million entries: the entries would double
    what the import writes. A record's history finds its creation through the range that
    holds its id; its values at creation are those its first later change saw ("before"),
    or its values now when it never changed (`dangbo.core.audit.creation_values`).
    """

    entry = models.ForeignKey(
        "wagtailcore.ModelLogEntry", on_delete=models.PROTECT, related_name="+"
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["content_type", "first_id"])]

    def __str__(self):
        return f"{self.content_type_id}: {self.first_id}–{self.last_id}"
