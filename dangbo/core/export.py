"""Downloads of any table as CSV (UTF-8 with BOM, so Excel reads Vietnamese) or .xlsx, and
the parts of the back-office lists' downloads (Wagtail's SpreadsheetExportMixin) we change.

Text that a spreadsheet would run as a formula is neutralized (`dangbo.core.cells`).
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from wagtail.coreutils import multigetattr

from dangbo.core import cells

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(fmt: str, filename: str, headings: list[str], rows: list[list]) -> HttpResponse:
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = filename[:31]
        sheet.append([str(h) for h in headings])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                cells.guard_xlsx_cell(cell)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow([str(h) for h in headings])
        writer.writerows([cells.neutralize(value) for value in row] for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


class SafeExportMixin:
    """For a Wagtail listing with `list_export` (before Wagtail's IndexView in the bases).

    - A dotted column (`parent.code`) that meets an empty relation gives an empty cell;
      Wagtail's lookup raises, which cut the CSV short and made the .xlsx a 500.
    - Text beginning like a formula is neutralized: a quote in CSV, a text cell in .xlsx.
    """

    def export_value(self, item, field: str):
        """A `list_export` field (a dotted path) of `item`; None where the path meets an
        empty relation (a unit without a parent; a case about a unit has no person)."""
        value = item
        for name in field.split("."):
            if value is None:
                return None
            value = multigetattr(value, name)
        return value

    def to_row_dict(self, item):
        return {field: self.export_value(item, field) for field in self.list_export}

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return cells.neutralize(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            yield cells.guard_xlsx_cell(cell)
