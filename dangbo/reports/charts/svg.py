"""A horizontal stacked bar chart as SVG, built from a `Counts` (dangbo.reports.charts.series).

Why our own and not pygal (PyPI, well kept): pygal's charts carry an inline `<style>` and,
by default, a tooltip script from a CDN; the back office's Content-Security-Policy refuses
both without a nonce, and its labels on bars, number format and accessible text would all
be configured around. What is needed here is one kind of chart — bars stacked by part,
the number written on each part, a mark for a quota — in about two hundred lines, with
presentation attributes only (no `style`, nothing the CSP refuses), so the same SVG works
on screen, at 360 px (viewBox, width 100 %) and in print.

Not colour alone: each part has its number written on it and every other part is hatched;
the legend and the table beside the chart say which is which.
"""

import math
from xml.sax.saxutils import escape, quoteattr

from dangbo.reports.charts.series import Counts

WIDTH = 360  # viewBox units: about a phone's width, so its text is read near full size there
PAD = 8
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"
LABEL_SIZE = 14
SMALL = 12
BAR = 20
CHAR = 0.56  # average width of a character, in font sizes (for fitting and wrapping)
BOLD = 0.64  # the same in bold (the bars' labels), with room for wide letters
# Dark enough for white text (contrast ≥ 4.5:1) and for a bar on white (≥ 3:1).
PALETTE = ("#1a5490", "#a3460c", "#4d4d4d", "#6b3fa0", "#1d6b3c", "#8a1c3c", "#005f73")
INK = "#1b1b1b"


def text_width(text: str, size: int, char: float = CHAR) -> float:
    return len(text) * size * char


def clip(text: str, size: int, room: float, char: float = CHAR) -> str:
    most = max(4, int(room / (size * char)))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def wrap(text: str, size: int, room: float, lines: int = 2, char: float = BOLD) -> list[str]:
    """`text` over at most `lines` lines of `room` width, word by word; the last clipped."""
    most = max(4, int(room / (size * char)))
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= most:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out.append(clip(" ".join(words), size, room, char))
    return out or [""]


def _attrs(**values) -> str:
    return " ".join(f"{k.replace('_', '-')}={quoteattr(str(v))}" for k, v in values.items())


def _el(tag: str, text: str | None = None, **attrs) -> str:
    """An element with its attributes (underscores become hyphens) and escaped text."""
    if text is None:
        return f"<{tag} {_attrs(**attrs)}/>"
    return f"<{tag} {_attrs(**attrs)}>{escape(text)}</{tag}>"


def _dashed(x, y1, y2) -> str:
    return _el("line", x1=x, y1=y1, x2=x, y2=y2, stroke=INK, stroke_width=2, stroke_dasharray="3 2")


def render(
    counts: Counts,
    *,
    ident: str,
    title: str,
    description: str,
    category_labels: dict[str, str],
    series_labels: dict[str, str],
    notes: dict[str, str] | None = None,
    mark_label: str = "",
    number=str,
) -> str:
    """The SVG text. `category_labels`/`series_labels` give the words of the codes,
    `notes` a text after a bar's label (a rate), `number` formats a count (Vietnamese
    separators: dangbo.reports.charts.screens.number)."""
    notes = notes or {}
    parts: list[str] = []
    colours = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(counts.series)}
    hatched = {s for i, s in enumerate(counts.series) if i % 2 == 1}
    fills = {
        s: f"url(#{ident}-h{i})" if s in hatched else colours[s]
        for i, s in enumerate(counts.series)
    }

    # Legend, wrapped over as many lines as it needs.
    y = PAD + SMALL
    x = PAD
    legend: list[str] = []
    entries = [(s, series_labels.get(s, s)) for s in counts.series]
    if counts.marks and mark_label:
        entries.append((None, mark_label))
    for key, words in entries:
        room = WIDTH - 2 * PAD - 18
        words = clip(words, SMALL, room)
        need = 18 + text_width(words, SMALL) + 12
        if x > PAD and x + need > WIDTH - PAD:
            x, y = PAD, y + SMALL + 8
        if key is None:
            legend.append(_dashed(x + 6, y - SMALL + 1, y + 3))
        else:
            legend.append(_rect(fills[key], x, y - SMALL + 2, 12, 12))
        legend.append(_el("text", words, x=x + 18, y=y, font_size=SMALL))
        x += need
    parts.extend(legend)
    y += 10

    top = max([counts.total(c) for c in counts.categories] + list(counts.marks.values()) + [1])
    room_for_total = text_width(number(top), SMALL) + 10
    scale = (WIDTH - 2 * PAD - room_for_total) / top
    for category in counts.categories:
        words = category_labels.get(category, category)
        note = notes.get(category)
        line = f"{words} — {note}" if note else words
        for i, piece in enumerate(wrap(line, LABEL_SIZE, WIDTH - 2 * PAD)):
            y += LABEL_SIZE + (4 if i == 0 else 2)
            parts.append(_el("text", piece, x=PAD, y=y, font_size=LABEL_SIZE, font_weight=600))
        y += 5
        x = PAD
        baseline = y + BAR / 2 + SMALL / 2 - 2
        for s in counts.series:
            n = counts.value(category, s)
            if not n:
                continue
            w = n * scale
            parts.append(_rect(fills[s], x, y, w, BAR))
            text = number(n)
            if text_width(text, SMALL, BOLD) + 6 <= w:
                middle = round(x + w / 2, 1)
                parts.append(
                    _el(
                        "text",
                        text,
                        x=middle,
                        y=baseline,
                        font_size=SMALL,
                        font_weight=700,
                        fill="#ffffff",
                        text_anchor="middle",
                    )
                )
            x += w
        total = counts.total(category)
        parts.append(_el("text", number(total), x=round(x + 5, 1), y=baseline, font_size=SMALL))
        if category in counts.marks:
            mx = round(PAD + counts.marks[category] * scale, 1)
            parts.append(_dashed(mx, y - 3, y + BAR + 3))
        y += BAR + 4
    height = math.ceil(y + PAD)
    defs = "".join(
        f'<pattern id="{ident}-h{i}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{colours[s]}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="1.5" '
        f'stroke-opacity="0.45"/></pattern>'
        for i, s in enumerate(counts.series)
        if s in hatched
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'class="dangbo-chart__svg" font-family={quoteattr(FONT)} fill="{INK}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f"<defs>{defs}</defs>"
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>' + "".join(parts) + "</svg>"
    )


def _rect(fill, x, y, w, h) -> str:
    return _el("rect", x=round(x, 1), y=round(y, 1), width=round(w, 1), height=h, fill=fill)
