"""Dates as an office writes them (dd/mm/yyyy) and as the dataset writes them (ISO)."""

import argparse
from datetime import date, datetime

from django.utils.translation import gettext as _

INPUT_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_date(text: str) -> date | None:
    """YYYY-MM-DD or DD/MM/YYYY; None when it is neither or not a real day (31/02)."""
    text = (text or "").strip()
    for fmt in INPUT_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_user_date(text: str) -> date:
    """For command-line options: a clear message instead of a traceback."""
    day = parse_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(
            _("%(value)s is not a date; write YYYY-MM-DD or DD/MM/YYYY.") % {"value": text}
        )
    return day


def vn_date(value: date | str | None) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")
