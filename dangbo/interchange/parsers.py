"""Cell parsers: raw cell (str, or a date/number from .xlsx) → value, or CellError.

Each raises CellError with a message for people; the caller adds file, row and column.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from dangbo.core.bounds import YEARS
from dangbo.core.cells import restore
from dangbo.core.dates import DateError, parse_day
from dangbo.core.text import fold, nfc, refused_character
from dangbo.org.validation import CODE_CHARACTERS, CODE_MAX_LENGTH, code_message
from dangbo.people.validation import parse_gender


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def as_text(raw) -> str:
    """Spreadsheets store "0123" as text but 123 as a number: give both back as text."""
    if type(raw) is str:
        return raw.strip()
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    return str(raw).strip()


def text(raw) -> str:
    return text_text(as_text(raw))


def text_text(raw: str) -> str:
    # An export writes `'=…` for a text beginning like a formula (core.cells): stored `=…`.
    value = raw.strip()
    return restore(value) if value[:1] == "'" else value


# Each parser's `for_text` takes a cell known to be text (every cell of a CSV file): the
# same result without as_text's checks of the cell's type, which a million rows feel.
text.for_text = text_text


def bounded_text(max_length: int, *, note: bool = False):
    """A text of at most `max_length` characters, in NFC, without control characters or
    bidirectional overrides (a `note` may hold tabs and line breaks)."""

    def parse(raw) -> str:
        return parse_text(as_text(raw))

    def parse_text(raw: str) -> str:
        value = text_text(raw)  # stripped, the export's neutralizing quote taken off
        if not value.isprintable():
            refused = refused_character(value, note=note)
            if refused:
                raise CellError(
                    _(
                        "The text holds a control or text-direction character (%(char)s, "
                        "character %(position)d), which cannot be stored; retype it."
                    )
                    % {"char": refused[1], "position": refused[0]}
                )
        if not value.isascii():
            value = nfc(value)
        if len(value) > max_length:
            raise CellError(
                _("The text has %(length)d characters; at most %(max)d fit.")
                % {"length": len(value), "max": max_length}
            )
        return value

    parse.for_text = parse_text
    return parse


def code(raw) -> str:
    return code_text(as_text(raw))


def code_text(raw: str) -> str:
    value = raw.strip()
    if value[:1] == "'":
        value = restore(value)
    # CODE_RE.match(value), without the regex for each of millions: a set's issuperset of
    # the string says the same (property test in tests/interchange/test_fast_parse.py).
    if value and (len(value) > CODE_MAX_LENGTH or not _CODE_CHARACTERS.issuperset(value)):
        raise CellError(code_message())
    return value


code.for_text = code_text

_CODE_CHARACTERS = frozenset(CODE_CHARACTERS)


def codes(raw) -> tuple[str, ...]:
    """A list of codes in one cell, separated by spaces (INTERCHANGE.md)."""
    values = tuple(restore(as_text(raw)).split())
    for value in values:
        if len(value) > CODE_MAX_LENGTH or not _CODE_CHARACTERS.issuperset(value):
            raise CellError(code_message())
    return values


def day(raw) -> date | None:
    """YYYY-MM-DD, or DD/MM/YYYY as Vietnamese offices write it, or an .xlsx date cell."""
    if raw is None or raw == "":
        return None
    if type(raw) is str and len(raw) == 10 and raw[4] == "-":
        try:
            return date.fromisoformat(raw)  # the common case, in C
        except ValueError:
            pass
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    value = as_text(raw)
    if not value:
        return None
    try:
        return parse_day(value)
    except DateError as error:
        raise CellError(error.message) from None


def gender(raw) -> str:
    value = as_text(raw)
    if not value:
        return ""
    parsed = parse_gender(value) or parse_gender(fold(value))  # "NỮ", "nu"
    if parsed is None:
        raise CellError(_("Gender must be M/F (Nam/Nữ)."))
    return parsed


def choice(choices):
    """A key of `choices` (a TextChoices class, or plain keys), or its Vietnamese label.

    The label is matched whatever the case, diacritics or spacing (as headers are:
    `specs.header_form`): `Cấp phó`, `cap pho` and `deputy` are the same role. The labels are
    the model's own, translated (the vi catalogue), never a list retyped here.
    """
    allowed = tuple(choices.values) if hasattr(choices, "values") else tuple(choices)
    keys = frozenset(allowed)
    forms: dict[str, str] = {}

    def by_form() -> dict[str, str]:
        if not forms:
            forms.update(choice_forms(choices))
        return forms

    def parse(raw) -> str:
        return parse_text(as_text(raw))

    def parse_text(raw: str) -> str:
        value = raw.strip()
        if not value or value in keys:  # the format's own keys: the common case
            return value
        key = by_form().get(fold(value.replace("_", " ")))
        if key is None:
            raise CellError(
                _("Unknown value; use one of: %(values)s.")
                % {"values": ", ".join(choice_names(choices))}
            )
        return key

    parse.for_text = parse_text
    parse.choices = choices
    return parse


def vietnamese_labels(choices) -> list[str]:
    """The Vietnamese label of each choice, in the model's order (keys for plain keys)."""
    if not hasattr(choices, "labels"):
        return list(choices)
    with translation.override("vi"):
        return [str(label) for label in choices.labels]


def choice_forms(choices) -> dict[str, str]:
    """Folded key, Vietnamese label and label in the active language → key."""
    keys = list(choices.values) if hasattr(choices, "values") else list(choices)
    forms = {}
    names = [keys, vietnamese_labels(choices)]
    if hasattr(choices, "labels"):
        names.append([str(label) for label in choices.labels])
    for written in names:
        for key, name in zip(keys, written, strict=True):
            forms.setdefault(fold(name.replace("_", " ")), key)
    return forms


def choice_names(choices) -> list[str]:
    """Each key with its Vietnamese label, for messages: `deputy (Cấp phó)`."""
    keys = list(choices.values) if hasattr(choices, "values") else list(choices)
    labels = vietnamese_labels(choices)
    pairs = zip(keys, labels, strict=True)
    return [key if key == label else f"{key} ({label})" for key, label in pairs]


def integer(raw) -> int | None:
    """A whole number (a year, a count of months); .xlsx numbers like 2016.0 are accepted."""
    value = as_text(raw)
    if not value:
        return None
    # int() also reads "1_000", Arabic-Indic digits and a 4,000-digit number: only 0-9.
    if not (value.isascii() and value.isdigit()) and not (
        value[0] == "-" and value[1:].isascii() and value[1:].isdigit()
    ):
        raise CellError(_("A whole number is expected."))
    if len(value) > 18:
        raise CellError(_("The number is far too large."))
    return int(value)


def integer_between(low: int, high: int):
    """A whole number from `low` to `high` (the column's range)."""

    def parse(raw) -> int | None:
        value = integer(raw)
        if value is not None and not low <= value <= high:
            raise CellError(
                _("The number must be between %(low)s and %(high)s.") % {"low": low, "high": high}
            )
        return value

    return parse


def year(raw) -> int | None:
    value = integer(raw)
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise CellError(_("A year is written with four digits, e.g. 2016."))
    return value


_HUNDREDTH = Decimal("0.01")


def score(raw) -> Decimal | None:
    """A number with at most two decimals (a decimal comma is accepted), kept as a Decimal."""
    value = as_text(raw).replace(",", ".")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise CellError(_("A number is expected, e.g. 72.5.")) from None
    if not number.is_finite():
        raise CellError(_("A number is expected, e.g. 72.5."))
    # 1e308 is finite, but no score: its quantize would not fit Decimal's precision.
    if abs(number) >= _SCORE_CEILING:
        raise CellError(_("The number is far too large."))
    if number != number.quantize(_HUNDREDTH):
        raise CellError(_("A number with at most two decimals is expected, e.g. 72.5."))
    return number.quantize(_HUNDREDTH)


_SCORE_CEILING = Decimal(10) ** 9


def score_between(low: Decimal, high: Decimal):
    """A score (see `score`) from `low` to `high` (the column's range)."""

    def parse(raw) -> Decimal | None:
        value = score(raw)
        if value is not None and not low <= value <= high:
            raise CellError(
                _("The number must be between %(low)s and %(high)s.") % {"low": low, "high": high}
            )
        return value

    return parse
