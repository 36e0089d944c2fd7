"""Every table of a document as a sheet of one .xlsx, streamed (openpyxl's write-only mode).

Vietnamese headings (the table's own, with `TT`), dd/mm/yyyy dates written as real dates
shown dd/mm/yyyy, the header row frozen, column widths from the heading and the first rows
(a write-only sheet takes its widths before its rows).
"""

import io
import re
from datetime import date
from itertools import chain, islice

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dangbo.reports.content import Content

DMY = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
SAMPLED_ROWS = 500  # rows read before the widths are set
MAX_WIDTH = 60


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


def render_xlsx(content: Content) -> bytes:
    book = Workbook(write_only=True)
    used: set = set()
    bold = Font(bold=True)
    for table in content.tables:
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
        for number, row in enumerate(chain(first, rows), 1):
            line = [number]
            for key in keys:
                value = _value(row.get(key))
                if isinstance(value, date):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "dd/mm/yyyy"
                    value = cell
                line.append(value)
            sheet.append(line)
    if not content.tables:
        book.create_sheet("Bang")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
