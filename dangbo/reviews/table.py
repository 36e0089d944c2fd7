"""A plain-text table for the terminal, aligned for Vietnamese text."""

import unicodedata

from django.utils.translation import gettext as _


def _width(text: str) -> int:
    # Combining marks take no column; NFC keeps most Vietnamese letters single code points.
    return sum(0 if unicodedata.combining(ch) else 1 for ch in unicodedata.normalize("NFC", text))


def _pad(text: str, width: int, align: str) -> str:
    space = " " * (width - _width(text))
    return space + text if align == ">" else text + space


def render_table(columns, rows) -> str:
    if not rows:
        return _("No findings.")
    headings = [_("No.")] + [str(c.heading) for c in columns]
    body = [[str(i)] + [c.text(row) for c in columns] for i, row in enumerate(rows, 1)]
    aligns = [">"] + [c.align for c in columns]
    widths = [max(_width(r[i]) for r in [headings, *body]) for i in range(len(headings))]
    lines = [" | ".join(_pad(h, w, "<") for h, w in zip(headings, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    for row in body:
        lines.append(" | ".join(_pad(v, w, a) for v, w, a in zip(row, widths, aligns, strict=True)))
    lines.append(_("%(count)d findings.") % {"count": len(rows)})
    return "\n".join(lines)
