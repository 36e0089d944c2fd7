"""How a Party document writes its dates and numbers (DOCUMENTS.md).

Day 1–9 and month 1–2 take a leading zero: "ngày 03 tháng 02 năm 2019"; a cited document
"số 45-TB/HU, ngày 05-7-2019" follows the same rule (DOCUMENTS.md's example).
"""

from datetime import date


def _day(d: date) -> str:
    return f"{d.day:02d}"


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def place_and_date(place: str, d: date) -> str:
    """'Tân Kỳ, ngày 05 tháng 7 năm 2019'."""
    line = f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"
    return f"{place}, {line}" if place else line.capitalize()


def cited_date(d: date) -> str:
    """'05-7-2019', as a document is cited."""
    return f"{_day(d)}-{_month(d)}-{d.year}"


def number_text(number: int, doc_type: str, abbreviation: str) -> str:
    """'45-TB/HU' (numbers from 01)."""
    return f"{number:02d}-{doc_type}/{abbreviation}"


def sentence_case(words: str) -> str:
    """'THÔNG BÁO' -> 'Thông báo', as the type is named inside a sentence."""
    words = words.strip().lower()
    return words[:1].upper() + words[1:]
