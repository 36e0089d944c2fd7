"""Vietnamese text folding for accent-insensitive search ("nguyen" finds "Nguyễn")."""

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
