"""The template set documents are laid out from, and an office's own over it.

The shipped set is `document_templates/` beside this module: `layout.json` (page, fonts,
sizes, the fixed words of the layout) and optionally `base.docx` (a Word file whose styles
and page set-up the documents start from; python-docx's own blank document when absent).
An office puts files of the same names in the folder named by the setting
`DANGBO_DOCUMENT_TEMPLATES` (environment variable of the same name): its `base.docx` wins
over the shipped one, and the keys of its `layout.json` over the shipped keys (the others
stay). No code changes: docs/guide/van-ban.md.
"""

import json
from pathlib import Path

from django.conf import settings

SHIPPED = Path(__file__).parent / "document_templates"
LAYOUT = "layout.json"
BASE = "base.docx"


def _office_dir() -> Path | None:
    folder = getattr(settings, "DANGBO_DOCUMENT_TEMPLATES", "") or ""
    return Path(folder) if folder else None


def _merge(base: dict, over: dict) -> dict:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged


def layout() -> dict:
    """The layout values: the shipped ones, with the office's keys over them."""
    values = json.loads((SHIPPED / LAYOUT).read_text(encoding="utf-8"))
    office = _office_dir()
    if office and (office / LAYOUT).is_file():
        values = _merge(values, json.loads((office / LAYOUT).read_text(encoding="utf-8")))
    return values


def base_document() -> Path | None:
    """The Word file documents start from: the office's, else the shipped one, else none."""
    office = _office_dir()
    for folder in (office, SHIPPED):
        if folder and (folder / BASE).is_file():
            return folder / BASE
    return None
