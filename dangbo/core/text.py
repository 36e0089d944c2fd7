"""Vietnamese text folding for accent-insensitive search ("nguyen" finds "Nguyễn")."""

import re
import unicodedata

# đ/Đ is a letter of its own, not d plus a mark, so NFD does not split it.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    """Lower-case, strip every Vietnamese diacritic (including đ), squeeze spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


# Refused in every text: C0 and C1 control characters (a NUL byte, an escape) and the
# Unicode bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
# which make a name display differently from what it holds. Free-text notes keep tab and
# line breaks.
_REFUSED_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_REFUSED_IN_NOTE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def refused_character(text: str, *, note: bool = False) -> tuple[int, str] | None:
    """(1-based position, "U+XXXX") of the first character refused in `text`, or None.

    `note` is a free-text note, where tab and line breaks are welcome.
    """
    if text.isprintable():  # the common case, in C: no control or format character at all
        return None
    found = (_REFUSED_IN_NOTE if note else _REFUSED_IN_LINE).search(text)
    if found is None:
        return None
    return found.start() + 1, f"U+{ord(found.group()):04X}"


def nfc(text: str) -> str:
    """`text` in Unicode NFC, the one form stored (a Vietnamese letter typed as a base letter
    and combining marks becomes the single precomposed letter)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def visible(text: str) -> str:
    """`text` with each refused character shown as its code (for messages and reports)."""
    if text.isprintable():
        return text
    return _REFUSED_IN_LINE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
