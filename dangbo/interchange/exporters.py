"""Exporting the dataset in the import format: a folder of CSV files or one .xlsx workbook.

Rows are streamed from the database; an export holds only what its user may see (the
models' permission policies, as on the screens); `scope.OPERATOR` exports everything. Text
that a spreadsheet would run as a formula is neutralized (`dangbo.core.cells`); the import
takes the neutralizing quote off again.
"""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from dangbo.core import cells
from dangbo.core.dates import vn_date
from dangbo.interchange import parsers
from dangbo.interchange.files import MODULES, SPECS, unit_events
from dangbo.interchange.template import DATE_FORMAT, vietnamese_header
from dangbo.org import scope
from dangbo.org.models import Unit, UnitEvent
from dangbo.org.policy import policy_for
from dangbo.people.models import Gender


def _visible(model, user):
    """The records of `model` the user may see: its permission policy, as on the screens."""
    return policy_for(model).visible(user)


def _events_visible(user):
    paths = scope.read_paths(user)
    events = UnitEvent.objects.order_by("pk")
    if paths is None:
        return events
    # Only events whose units are all visible, so that the file is whole on its own.
    outside = Unit.objects.exclude(scope.unit_condition(paths))
    return events.exclude(sources__in=outside).exclude(targets__in=outside)


def dataset_rows(user):
    """(file name, rows) for each file, in the order of the format."""
    return tuple(
        (
            module.SPEC.name,
            module.export_rows(
                _events_visible(user)
                if module is unit_events
                else _visible(module.SPEC.model, user)
            ),
        )
        for module in MODULES
    )


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _InWords:
    """A file's rows as the office writes them (`vietnamese=True`): the sheet named by its
    Vietnamese title, Vietnamese headers, choices by their Vietnamese labels (`Cấp phó`,
    `Khiển trách`, `Nam`), dates dd/mm/yyyy, decimals with a comma. The importer reads all
    of these back (specs.spec_for_sheet, match_headers, parsers.choice/gender/day/score)."""

    def __init__(self, spec):
        self.sheet_name = spec.title or spec.name
        self.header = [vietnamese_header(c) for c in spec.columns]
        self.labels = [_labels_of(c) for c in spec.columns]

    def row(self, row) -> list:
        return [self.value(labels, v) for labels, v in zip(self.labels, row, strict=True)]

    @staticmethod
    def value(labels, value):
        if labels is not None and value in labels:
            return labels[value]
        if isinstance(value, Decimal):
            return str(value).replace(".", ",")
        return value


def _labels_of(column) -> dict | None:
    if column.parse is parsers.gender:
        return dict(zip(Gender.values, parsers.vietnamese_labels(Gender), strict=True))
    choices = getattr(column.parse, "choices", None)
    if choices is None:
        return None
    keys = list(choices.values) if hasattr(choices, "values") else list(choices)
    return dict(zip(keys, parsers.vietnamese_labels(choices), strict=True))


def export_dataset(path: Path, *, user, vietnamese: bool = False) -> dict[str, int]:
    """Write the dataset to `path` (a folder, or a file ending .xlsx); rows per file.

    The keys format of INTERCHANGE.md by default; `vietnamese`: in the office's own words
    (_InWords), which imports back the same."""
    if path.suffix.lower() == ".xlsx":
        return _export_xlsx(path, user, vietnamese)
    path.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, rows in dataset_rows(user):
        words = _InWords(SPECS[name]) if vietnamese else None
        file_name = words.sheet_name if words else name
        with open(path / f"{file_name}.csv", "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(words.header if words else SPECS[name].keys)
            counts[name] = 0
            for row in rows:
                if words:
                    row = [vn_date(v) if isinstance(v, date) else v for v in words.row(row)]
                writer.writerow([_cell(cells.neutralize(v)) for v in row])
                counts[name] += 1
    return counts


def _export_xlsx(path: Path, user, vietnamese: bool = False) -> dict[str, int]:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    workbook = openpyxl.Workbook(write_only=True)
    counts = {}
    for name, rows in dataset_rows(user):
        words = _InWords(SPECS[name]) if vietnamese else None
        sheet = workbook.create_sheet(words.sheet_name if words else name)
        sheet.append(words.header if words else list(SPECS[name].keys))
        counts[name] = 0
        for row in rows:
            if words:
                # Dates as dates shown dd/mm/yyyy, as the office reads them.
                out = []
                for v in words.row(row):
                    if isinstance(v, date):
                        cell = WriteOnlyCell(sheet, v)
                        cell.number_format = DATE_FORMAT
                        out.append(cell)
                    else:
                        out.append(cells.xlsx_cell(sheet, v) if isinstance(v, str) else v)
                sheet.append(out)
            else:
                # Text, dates as ISO text too: Excel would otherwise show them in a local
                # format and turn codes like 0123 into numbers.
                sheet.append(
                    [cells.xlsx_cell(sheet, v) if isinstance(v, str) else _cell(v) for v in row]
                )
            counts[name] += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return counts
