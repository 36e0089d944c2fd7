"""Turning a sheet's rows into parsed values, reporting every bad cell."""

from collections.abc import Iterator
from functools import partial

from django.utils.translation import gettext as _

from dangbo.core.errors import Problem
from dangbo.interchange.parsers import CellError
from dangbo.interchange.readers import Formula, Sheet, SheetError, read_headers
from dangbo.interchange.report import ImportReport
from dangbo.interchange.specs import FileSpec, HeaderMatch, match_headers


class Row:
    """A parsed row: `values` by column key; `raw` the cells as written (for reports)."""

    __slots__ = ("number", "values", "ok", "_raw", "_cells", "_columns")

    def __init__(self, number: int, values: dict, raw: dict | None, ok: bool = True, cells=None):
        self.number = number
        self.values = values
        self.ok = ok
        self._raw = raw
        self._cells = cells  # (cells, columns) when `raw` is to be built on demand

    @property
    def raw(self) -> dict:
        if self._raw is None:
            cells, columns = self._cells
            self._raw = {
                c.key: "" if cell is None else str(cell) for c, cell in _cells_of(cells, columns)
            }
        return self._raw

    def problem(self, report: ImportReport, spec: FileSpec, problem: Problem) -> None:
        column = spec.column_for(problem.field)
        value = problem.value or self.raw.get(column, "")
        report.add(spec.name, self.number, column, value, problem.message)


class SheetRows:
    """Parsed rows of one sheet, blank rows left out; bad cells are reported."""

    def __init__(self, sheet: Sheet, spec: FileSpec, report: ImportReport):
        self.sheet = sheet
        self.spec = spec
        self.report = report
        self.present: frozenset[str] = frozenset()  # the column keys the header has

    def __iter__(self) -> Iterator[Row]:
        opened = self.sheet.open()
        if opened is None:
            check_header(self.spec, None, self.report, self.sheet)
            return
        header, cells = opened
        match = check_header(self.spec, header, self.report, self.sheet)
        if match is None:
            cells.close()
            return
        self.present = frozenset(match.positions)
        columns = [(c, match.positions.get(c.key)) for c in self.spec.columns]
        if self.sheet.text_cells:
            fast_parse = _TextRowParser(columns)
        else:
            fast = [(c.key, c.parse, index, c.required and not c.blank_ok) for c, index in columns]
            fast_parse = partial(_fast_parse, fast=fast)
        for number, row_cells in cells:
            # any() is the quick test; a row of falsy cells (a 0 from .xlsx) gets the exact one.
            if not any(row_cells) and not any(c not in (None, "") for c in row_cells):
                continue
            values = fast_parse(row_cells)
            if values is None:
                yield self._parse(number, row_cells, columns)
            else:
                yield Row(number, values, None, True, (row_cells, columns))

    def _parse(self, number: int, cells: list, columns) -> Row:
        """The row's values; `ok` is False when a cell was bad (and has been reported)."""
        values, raw, ok = {}, {}, True
        for column, index in columns:
            cell = cells[index] if index is not None and index < len(cells) else None
            raw[column.key] = "" if cell is None else str(cell)
            if isinstance(cell, Formula):
                self.report.add(
                    self.spec.name,
                    number,
                    column.key,
                    cell.text,
                    _("Cell %(cell)s holds a formula; paste the values instead.")
                    % {"cell": cell.cell},
                )
                ok = False
                continue
            try:
                value = column.parse(cell)
            except CellError as error:
                self.report.add(self.spec.name, number, column.key, raw[column.key], error.message)
                ok = False
                continue
            if column.required and not column.blank_ok and value in ("", None):
                self.report.add(self.spec.name, number, column.key, "", _("A value is required."))
                ok = False
            values[column.key] = value
        return Row(number, values, raw, ok)


def check_header(
    spec: FileSpec, header: list | None, report: ImportReport, sheet: Sheet | None = None
) -> HeaderMatch | None:
    """The header's columns, or None when the header is bad (reported on row 1).

    The report learns how the file names its sheet and columns, for its error rows."""
    report.name_file(spec, sheet.written if sheet is not None else None)
    if header is None:
        report.add(
            spec.name,
            0,
            "",
            "",
            _("The file is empty; it needs at least a header row with the column names."),
        )
        return None
    match = match_headers(spec, header)
    report.name_file(spec, header=header, positions=match.positions)
    for written, message in match.problems:
        report.add(spec.name, 1, written, written, message)
    return None if match.problems else match


def check_headers(sheets: dict[str, Sheet], specs: dict[str, FileSpec], report) -> bool:
    """Every sheet's header row, before any row is read: False (and reported) when one is
    bad, so that a misspelled column gives its message and not one per row of the files
    that depend on it."""
    ok = True
    for name, header in read_headers(list(sheets.values())).items():
        if isinstance(header, SheetError):
            report.name_file(specs[name], sheets[name].written)
            report.add(name, 0, "", "", str(header))
            ok = False
        else:
            ok = check_header(specs[name], header, report, sheets[name]) is not None and ok
    return ok


class _Slow(Exception):
    pass


def _fast_parse(cells: list, fast) -> dict | None:
    """The row's values when every cell parses cleanly, else None.

    The common case, without building the reported forms of the cells; a row with any
    problem (or a cell that is not plain text) goes through SheetRows._parse, which reports
    exactly as before.
    """
    values = {}
    count = len(cells)
    try:
        for key, parse, index, required in fast:
            cell = cells[index] if index is not None and index < count else None
            if cell is not None and type(cell) is not str:
                raise _Slow  # .xlsx cells (numbers, dates, formulas)
            value = parse(cell)
            if required and (value == "" or value is None):
                raise _Slow
            values[key] = value
    except (_Slow, CellError):
        return None
    return values


class _TextRowParser:
    """`_fast_parse` for rows whose cells are all text (CSV): one dict comprehension over
    the columns with each parser's `for_text` (str.strip for plain text)."""

    def __init__(self, columns):
        self.plan = []
        for column, index in columns:
            if index is None:
                # A column the file leaves out: its constant value, read from any cell so
                # that the comprehension keeps the columns' order.
                value = column.parse(None)
                self.plan.append((column.key, lambda _cell, value=value: value, 0))
            else:
                self.plan.append(
                    (column.key, getattr(column.parse, "for_text", column.parse), index)
                )
        self.required = [c.key for c, _index in columns if c.required and not c.blank_ok]

    def __call__(self, cells: list) -> dict | None:
        try:
            values = {key: parse(cells[index]) for key, parse, index in self.plan}
        except (IndexError, CellError):  # a short row, a bad cell: the reporting parse
            return None
        # Blank ("" or None) sends the row to the reporting parse; so does any other falsy
        # value (a 0), which that parse then accepts: the test stays in C.
        if not all(map(values.__getitem__, self.required)):
            return None
        return values


def _cells_of(cells: list, columns):
    for column, index in columns:
        yield column, cells[index] if index is not None and index < len(cells) else None
