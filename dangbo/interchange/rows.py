"""Turning a sheet's rows into parsed values, reporting every bad cell."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dangbo.core.errors import Problem
from dangbo.interchange.parsers import CellError
from dangbo.interchange.readers import Formula, Sheet
from dangbo.interchange.report import ImportReport
from dangbo.interchange.specs import FileSpec, match_headers


@dataclass
class Row:
    number: int
    values: dict
    raw: dict
    ok: bool = True

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

    def __iter__(self) -> Iterator[Row]:
        opened = self.sheet.open()
        if opened is None:
            self.report.add(
                self.spec.name,
                0,
                "",
                "",
                _("The file is empty; it needs at least a header row with the column names."),
            )
            return
        header, cells = opened
        match = match_headers(self.spec, header)
        for written, message in match.problems:
            self.report.add(self.spec.name, 1, written, written, message)
        if match.problems:
            cells.close()
            return
        columns = [(c, match.positions.get(c.key)) for c in self.spec.columns]
        for number, row_cells in cells:
            if not any(c not in (None, "") for c in row_cells):
                continue
            yield self._parse(number, row_cells, columns)

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
