"""Notices (thông báo) the daily schedule leaves for each person, and which days it ran.

A notice is for one occasion of one record (a member's report due on 25/09/2019, a
decision's expiry, a tenure's 96th month): the key (recipient, kind, record, occasion) is
unique in the database, so it reaches each person once, whoever runs the schedule and
however often (the schedule inserts ignoring conflicts).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from dangbo.rules.schedule import DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS


class NoticeKind(models.TextChoices):
    REPORT_REMINDER = "report_reminder", _("Supervision report due soon")
    MEMBER_NOT_REPORTED = "member_not_reported", _("Member without a login has not reported")
    REPORT_OVERDUE = "report_overdue", _("Supervision report overdue")
    MEMBER_OVERDUE = "member_overdue", _("Member's supervision report overdue")
    DECISION_EXPIRED = "decision_expired", _("Discipline decision expired")
    ROTATION_ENDING = "rotation_ending", _("Rotation ending: evaluation due")
    TENURE_APPROACHING = "tenure_approaching", _("Tenure reaching 7 years")
    TENURE_OVER = "tenure_over", _("Tenure reaching 8 years")
    LIST_DRAFT = "list_draft", _("Discipline list draft to approve")


class Notice(models.Model):
    """One notice to one user about one record, for one occasion (the day it is for)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NoticeKind.choices)
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    # The record it is about, by content type and id (shown as a link to its page).
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("record id"), max_length=64)
    # A page of the back office to open instead of the record's own (a member's report form):
    # a URL name, resolved when shown, and its query string.
    link_name = models.CharField(max_length=100, blank=True)
    link_query = models.CharField(max_length=255, blank=True)
    occasion = models.DateField(_("for the day"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Decided when the notice is made, from the recipient's preference and e-mail address.
    by_email = models.BooleanField(_("by e-mail"), default=False)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-occasion", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "content_type", "object_id", "occasion"],
                name="notice_once_per_person",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(
                fields=["by_email"],
                condition=models.Q(by_email=True, emailed_at__isnull=True),
                name="notice_email_outbox",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def record_url(self) -> str | None:
        """The page of its record in the back office (or its stored page), if any."""
        if self.link_name:
            try:
                url = reverse(self.link_name)
            except NoReverseMatch:
                return None
            return f"{url}?{self.link_query}" if self.link_query else url
        from dangbo.core.views import inspect_url_name

        model = self.content_type.model_class()
        name = inspect_url_name(model) if model is not None else None
        if not name:
            return None
        from django.contrib.admin.utils import quote

        try:
            return reverse(name, args=(quote(self.object_id),))
        except NoReverseMatch:
            return None


class NoticePreference(models.Model):
    """Which kinds of notice also reach a user by e-mail (every kind when there is no row)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notice_preference",
    )
    email_kinds = models.JSONField(_("kinds sent by e-mail"), default=list, blank=True)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")

    def __str__(self):
        return str(self.user)


class ScheduleDay(models.Model):
    """A day the schedule ran for: its effects were written in one transaction with this row."""

    day = models.DateField(_("day"), unique=True)
    ran_at = models.DateTimeField(_("ran at"))
    counts = models.JSONField(_("effects"), default=dict, blank=True)

    class Meta:
        verbose_name = _("schedule day")
        verbose_name_plural = _("schedule days")
        ordering = ["-day"]

    def __str__(self):
        return self.day.isoformat()


@register_setting(icon="mail")
class NoticeSettings(BaseGenericSetting):
    """The schedule's per-installation settings."""

    reminder_days = models.PositiveSmallIntegerField(
        _("reminder days before the due date"),
        default=DEFAULT_REMINDER_DAYS,
        validators=[MaxValueValidator(MAX_REMINDER_DAYS)],
        help_text=_(
            "Committee members who have not reported are reminded this many days before "
            "the quarter's due date (0 to 60)."
        ),
    )

    class Meta:
        verbose_name = _("notice settings")
