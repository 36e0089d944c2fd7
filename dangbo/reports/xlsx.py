"""Every table of a document as a sheet of one .xlsx.

Vietnamese headings (the table's own, with `TT`), dd/mm/yyyy dates written as real dates
shown dd/mm/yyyy, the header row frozen, column widths from the heading and the first rows.
openpyxl (write-only) writes the workbook, its styles and each sheet's heading row; the rows
are written into the saved file as XML text (ooxml.py: openpyxl's cell objects cost more
than the review the rows come from). Every text is an inline string: a value that begins
with "=" is text, never a formula.
"""

import io
import re
from datetime import date
from itertools import chain, islice

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dangbo.reports import ooxml
from dangbo.reports.content import Content

DMY = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
SAMPLED_ROWS = 500  # rows read before the widths are set
MAX_WIDTH = 60
EPOCH = date(1899, 12, 30)  # day 0 of a spreadsheet's dates (1900 system)
_STYLE = re.compile(r' s="(\d+)"')


def _value(value):
    if isinstance(value, str) and (match := DMY.match(value)):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return value
    return value


def _sheet_title(title: str, used: set) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:28] or "Bang"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name)
    return name


def _cell(ref: str, value, date_style: str) -> str:
    value = _value(value)
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return f'<c r="{ref}" s="{date_style}"><v>{(value - EPOCH).days}</v></c>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return (
        f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{ooxml.escape(value)}</t></is></c>'
    )


def _rows(keys, rows):
    """The sheet's rows from the second on, as XML: the template row (the marker, then a
    date cell whose style says dd/mm/yyyy) gives the style's number."""
    letters = [get_column_letter(i) for i in range(2, len(keys) + 2)]

    def xml_rows(template_xml: str):
        date_style = _STYLE.search(template_xml).group(1)
        for number, row in enumerate(rows, 1):
            r = number + 1
            cells = "".join(
                _cell(f"{letter}{r}", row.get(key), date_style)
                for letter, key in zip(letters, keys, strict=True)
            )
            yield f'<row r="{r}"><c r="A{r}"><v>{number}</v></c>{cells}</row>'

    return xml_rows


def render_xlsx(content: Content) -> bytes:
    book = Workbook(write_only=True)
    used: set = set()
    bold = Font(bold=True)
    fills = {}
    for n, table in enumerate(content.tables, 1):
        sheet = book.create_sheet(_sheet_title(table.subtitle or table.title, used))
        keys = [key for key, _ in table.columns]
        headings = ["TT", *(str(h) for _, h in table.columns)]
        rows = iter(table.rows)
        first = list(islice(rows, SAMPLED_ROWS))
        widths = [len(h) for h in headings]
        widths[0] = max(widths[0], len(str(len(first))))
        for row in first:
            for i, key in enumerate(keys, 1):
                widths[i] = max(widths[i], len(str(row.get(key) or "")))
        for i, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_WIDTH)
        sheet.freeze_panes = "A2"
        header = []
        for text in headings:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            header.append(cell)
        sheet.append(header)
        marker = ooxml.marker()
        day = WriteOnlyCell(sheet, value=EPOCH)
        day.number_format = "dd/mm/yyyy"
        sheet.append([marker, day])
        fills[f"xl/worksheets/sheet{n}.xml"] = [(marker, "row", _rows(keys, chain(first, rows)))]
    if not content.tables:
        book.create_sheet("Bang")
    out = io.BytesIO()
    book.save(out)
    return ooxml.splice(out.getvalue(), fills)
