"""Reading a dataset: a folder of UTF-8 CSV files or one .xlsx workbook, streamed row by row.

Rows are never all held in memory. A sheet can be opened again; people and posts are read
once (pass 1 spools the accepted rows, see spool.py).
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _


class SheetError(Exception):
    """The whole file cannot be read (not UTF-8, not a workbook)."""


@dataclass(frozen=True)
class Formula:
    """A formula cell: imports take values only, since a formula's result is not stored."""

    cell: str
    text: str


class Sheet:
    """One file of the dataset. `open()` yields (header, rows); rows are (number, cells)."""

    # Every cell is a str (CSV), never a number, date or formula (.xlsx).
    text_cells = False

    def __init__(self, name: str, label: str, written: str | None = None):
        self.name = name
        self.label = label
        # The file's or the sheet's own name, as the user wrote it ("Đảng viên", "people.csv").
        self.written = label if written is None else written
        self.fraction_read = 0.0

    def open(self) -> tuple[list, Iterator[tuple[int, list]]] | None:
        raise NotImplementedError

    def header(self) -> list | None:
        """The header row alone (None for an empty file), before any row is read."""
        opened = self.open()
        if opened is None:
            return None
        header, rows = opened
        rows.close()
        return header


class CsvSheet(Sheet):
    text_cells = True

    def __init__(self, name: str, path: Path):
        super().__init__(name, path.name)
        self.path = path
        self.size = path.stat().st_size

    def open(self):
        binary = open(self.path, "rb")  # noqa: SIM115 - closed by the row generator
        stream = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        reader = csv.reader(stream)
        try:
            header = next(reader, None)
        except UnicodeDecodeError:
            binary.close()
            raise SheetError(self.not_utf8()) from None
        except csv.Error as error:
            binary.close()
            raise self.not_csv(error) from None
        if header is None:
            binary.close()
            return None
        return header, self._rows(reader, binary)

    def _rows(self, reader, binary) -> Iterator[tuple[int, list]]:
        raw = binary.raw
        try:
            for number, cells in enumerate(reader, start=2):
                if number % 4096 == 0:
                    self.fraction_read = raw.tell() / (self.size or 1)
                yield number, cells
            self.fraction_read = 1.0
        except UnicodeDecodeError:
            raise SheetError(self.not_utf8()) from None
        except csv.Error as error:
            raise self.not_csv(error) from None
        finally:
            binary.close()

    def not_csv(self, error) -> SheetError:
        return SheetError(
            _("%(file)s cannot be read as CSV: %(error)s") % {"file": self.label, "error": error}
        )

    def not_utf8(self) -> str:
        return _(
            "%(file)s is not UTF-8 text. In Excel, use “Save As” and choose "
            "“CSV UTF-8 (Comma delimited)”."
        ) % {"file": self.label}


class XlsxSheet(Sheet):
    def __init__(self, name: str, workbook_path: Path, sheet_title: str):
        super().__init__(name, f"{workbook_path.name} [{sheet_title}]", sheet_title)
        self.workbook_path = workbook_path
        self.sheet_title = sheet_title

    def open(self):
        workbook = _load_workbook(self.workbook_path)
        worksheet = workbook[self.sheet_title]
        total = worksheet.max_row or 1
        rows = worksheet.iter_rows()
        header_cells = next(rows, None)
        if header_cells is None or all(c.value is None for c in header_cells):
            workbook.close()
            return None
        header = [c.value for c in header_cells]
        return header, self._rows(rows, workbook, total)

    def header(self):
        return read_headers([self])[self.name]

    def _rows(self, rows, workbook, total) -> Iterator[tuple[int, list]]:
        try:
            for number, cells in enumerate(rows, start=2):
                if number % 4096 == 0:
                    self.fraction_read = number / total
                yield number, [_cell_value(c) for c in cells]
            self.fraction_read = 1.0
        finally:
            workbook.close()


def _cell_value(cell):
    if cell.data_type == "f":
        return Formula(cell.coordinate, str(cell.value))
    return cell.value


def _quick_size(self) -> None:
    """openpyxl's ReadOnlyWorksheet._get_size, reading only the sheet's prologue.

    The original looks for the <dimension> element on "end" events and stops at the end of
    <sheetData>: a sheet written without a dimension (openpyxl's own write-only mode and
    other tools do that) is parsed whole, for every sheet, each time the workbook is
    opened — 8 s for a 2 MB workbook of 60,000 rows before its header was even looked at.
    The dimension comes before <sheetData> (ECMA-376), so "start" events up to <sheetData>
    find it or show it is missing, as the original then leaves the size unknown.
    """
    from openpyxl.utils import range_boundaries
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.xml.functions import iterparse

    source = self._get_source()
    try:
        for _event, element in iterparse(source, events=("start",)):
            if element.tag == DIMENSION_TAG:
                ref = element.get("ref")
                if ref:
                    boundaries = range_boundaries(ref)
                    self._min_column, self._min_row, self._max_column, self._max_row = boundaries
                return
            if element.tag == DATA_TAG:
                return
    finally:
        source.close()


def _load_workbook(path: Path):
    import openpyxl
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    ReadOnlyWorksheet._get_size = _quick_size
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise SheetError(
            _("%(file)s is not an .xlsx workbook (%(error)s).")
            % {"file": path.name, "error": error.__class__.__name__}
        ) from None


def read_headers(sheets: list[Sheet]) -> dict[str, list | None | SheetError]:
    """The header row of each sheet by name (None for an empty one, the SheetError for one
    that cannot be read), before any row of any sheet is read: a workbook is opened once
    and only the first row of each of its sheets is parsed."""
    headers: dict[str, list | None | SheetError] = {}
    workbooks = {}
    try:
        for sheet in sheets:
            try:
                if isinstance(sheet, XlsxSheet):
                    if sheet.workbook_path not in workbooks:
                        workbooks[sheet.workbook_path] = _load_workbook(sheet.workbook_path)
                    headers[sheet.name] = _first_row(workbooks[sheet.workbook_path], sheet)
                else:
                    headers[sheet.name] = sheet.header()
            except SheetError as error:
                headers[sheet.name] = error
    finally:
        for workbook in workbooks.values():
            workbook.close()
    return headers


def _first_row(workbook, sheet: "XlsxSheet") -> list | None:
    first = next(workbook[sheet.sheet_title].iter_rows(max_row=1, values_only=True), None)
    return None if first is None or all(v is None for v in first) else list(first)


def open_dataset(path: Path) -> list[Sheet]:
    """The sheets of the dataset at `path` (a folder, an .xlsx workbook or one .csv file)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
        return [CsvSheet(p.stem, p) for p in files]
    if path.suffix.lower() == ".xlsx":
        workbook = _load_workbook(path)
        titles = list(workbook.sheetnames)
        workbook.close()
        return [XlsxSheet(title.strip(), path, title) for title in titles]
    if path.suffix.lower() == ".csv":
        return [CsvSheet(path.stem, path)]
    raise SheetError(
        _("%(path)s is neither a folder of CSV files nor an .xlsx workbook.") % {"path": path}
    )
