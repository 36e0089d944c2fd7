"""Listing columns written the Vietnamese way (dates dd/mm/yyyy, times in local time)."""

from django.utils import timezone
from wagtail.admin.ui.tables import Column

from dangbo.core.dates import vn_date_or_dash


class DayColumn(Column):
    """A date column written dd/mm/yyyy (Wagtail's DateColumn says "3 days ago")."""

    def get_value(self, instance):
        return vn_date_or_dash(super().get_value(instance))


class TimeColumn(Column):
    """A moment written dd/mm/yyyy HH:MM in local time (Asia/Ho_Chi_Minh)."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else "—"
