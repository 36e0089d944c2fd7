"""`dangbo.core.text.fold` with fast paths for bulk writes; the same result for any text.

Names are mostly a few words taken from a small vocabulary: ASCII words are lower-cased
directly, and the fold of other words is kept in a bounded cache.
"""

from functools import lru_cache

from dangbo.core.text import fold

_fold_word = lru_cache(maxsize=65536)(fold)


def fast_fold(text: str | None) -> str:
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.lower().split())
    words = []
    for word in text.split():
        folded = word.lower() if word.isascii() else _fold_word(word)
        if folded:
            words.append(folded)
    return " ".join(words)


def search_text(code: str, name: str) -> str:
    """person_search_text / the units' search_text: fold(f"{code} {name}")."""
    return fast_fold(f"{code} {name}")
