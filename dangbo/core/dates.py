"""Dates as an office writes them (dd/mm/yyyy) and as the dataset writes them (ISO).

The one parser of typed dates: the importer, the forms and the command line all accept
the same two forms and give the same messages.
"""

import argparse
import re
from datetime import date

from django.utils.translation import gettext as _

# For Django form fields, which take strptime formats.
INPUT_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")

DMY_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class DateError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_day(text: str) -> date:
    """YYYY-MM-DD or DD/MM/YYYY; DateError says whether it is no date or no real day (31/02)."""
    text = text.strip()
    match = ISO_RE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = DMY_RE.match(text)
        if not match:
            raise DateError(_("Not a date; write YYYY-MM-DD or DD/MM/YYYY."))
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(_("This day does not exist in the calendar.")) from None


def parse_user_date(text: str) -> date:
    """For command-line options: a clear message naming the value instead of a traceback."""
    try:
        return parse_day(text)
    except DateError as error:
        raise argparse.ArgumentTypeError(f"{text}: {error.message}") from None


def vn_date(value: date | str | None) -> str:
    """dd/mm/yyyy, "" for none (tables, files)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    # Not strftime: it reads the C locale each time (a fifth of a 10,000-row annex's words).
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def vn_date_or_dash(value: date | str | None) -> str:
    """dd/mm/yyyy, "—" for none (messages and screens, where a blank would read as missing)."""
    return vn_date(value) or "—"
