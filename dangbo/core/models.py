"""Fields shared by the capability apps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
