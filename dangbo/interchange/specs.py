"""The declarative description of a dataset file: its columns and how headers are matched.

A FileSpec names the columns (key, Vietnamese header, required, parser) and the natural
key; the per-file module in `files/` adds the row checks, cross-file checks and writer.
"""

import contextlib
import difflib
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from dangbo.core.bounds import CELL_MAX_CHARACTERS, field_bounds
from dangbo.core.text import fold
from dangbo.interchange import parsers


@dataclass(frozen=True)
class Column:
    key: str
    vi: str = ""
    required: bool = False
    parse: Callable = parsers.text
    # A required column whose cell may still be blank (an establishment has no sources).
    blank_ok: bool = False
    # A column this version adds to INTERCHANGE.md (docs/interchange.md): a file without it
    # leaves the stored value as it is, so datasets written before it keep importing without
    # blanking what was entered on the screens.
    added: bool = False

    @property
    def heading(self) -> str:
        """The Vietnamese header as the template and the export write it ("Đơn vị")."""
        return self.vi[:1].upper() + self.vi[1:]


@dataclass(frozen=True)
class FileSpec:
    name: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]
    # The sheet's name in Vietnamese ("Đơn vị" for units): accepted beside `name` (folded,
    # as headers are) and used by the template workbook.
    title: str = ""
    # Problem.field names used by shared checks → this file's column ("parent" → parent_code).
    field_columns: tuple[tuple[str, str], ...] = ()
    # The model the rows become: each column named like one of its fields is bounded by it
    # (text by its max_length, numbers by the column's range: core/bounds.py).
    model: type[models.Model] | None = None

    def __post_init__(self):
        object.__setattr__(self, "columns", tuple(_bounded(c, self.model) for c in self.columns))

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def column_for(self, field: str) -> str:
        return dict(self.field_columns).get(field, field)


def _bounded(column: Column, model) -> Column:
    """The column with its parser bounded by the model field of the same name.

    Text without such a field is a note of at most one spreadsheet cell; codes, dates and
    choices are bounded by their own parsers.
    """
    field = None
    if model is not None:
        with contextlib.suppress(FieldDoesNotExist):
            field = model._meta.get_field(column.key)
        if field is not None and (field.is_relation or not field.concrete):
            field = None
    if column.parse is parsers.text:
        if isinstance(field, models.CharField | models.TextField):
            bounds = field_bounds(field)
            parse = parsers.bounded_text(bounds.max_length, note=bounds.note)
        else:
            parse = parsers.bounded_text(CELL_MAX_CHARACTERS, note=True)
        return replace(column, parse=parse)
    if column.parse is parsers.integer and isinstance(field, models.IntegerField):
        bounds = field_bounds(field)
        return replace(column, parse=parsers.integer_between(bounds.min_value, bounds.max_value))
    if column.parse is parsers.score and isinstance(field, models.DecimalField):
        bounds = field_bounds(field)
        return replace(column, parse=parsers.score_between(bounds.min_value, bounds.max_value))
    return column


def spec_for_sheet(specs: dict[str, FileSpec], sheet_name: str) -> FileSpec | None:
    """The file a sheet (or CSV file) holds: its name or its Vietnamese title, folded."""
    form = header_form(sheet_name)
    for spec in specs.values():
        if form in (header_form(spec.name), header_form(spec.title)):
            return spec
    return None


def header_form(text: str) -> str:
    """Headers match whatever the case, diacritics, spaces or underscores."""
    return fold(str(text or "").replace("_", " "))


@dataclass
class HeaderMatch:
    positions: dict[str, int]  # column key → index in the row
    problems: list[tuple[str, str]]  # (header as written, message)


def match_headers(spec: FileSpec, header: list) -> HeaderMatch:
    known = {}  # header form → (column key, the name as the spec writes it)
    for column in spec.columns:
        known[header_form(column.key)] = (column.key, column.key)
        if column.vi:
            known[header_form(column.vi)] = (column.key, column.vi)
    positions: dict[str, int] = {}
    problems = []
    suggested = set()
    for index, written in enumerate(header):
        form = header_form(written)
        if not form:
            continue
        key = known[form][0] if form in known else None
        if key is None:
            # The closest name in the file's own words: a Vietnamese header near "họ và tên"
            # is told "họ và tên", a key near full_name is told full_name.
            suggestion = _closest(form, known)
            suggested.add(suggestion and suggestion[0])
            problems.append((str(written), _unknown_header_message(spec, suggestion)))
        elif key in positions:
            problems.append((str(written), _("This column appears twice.")))
        else:
            positions[key] = index
    for column in spec.columns:
        # A misspelled required column is reported once, with its suggestion.
        if column.required and column.key not in positions and column.key not in suggested:
            problems.append(
                ("", _("The required column %(column)s is missing.") % {"column": label(column)})
            )
    return HeaderMatch(positions, problems)


def label(column: Column) -> str:
    """The column's key with its Vietnamese header beside it: "unit_code (đơn vị)"."""
    return f"{column.key} ({column.vi})" if column.vi else column.key


def _closest(form: str, known: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    close = difflib.get_close_matches(form, list(known), n=1, cutoff=0.6)
    return known[close[0]] if close else None


def _unknown_header_message(spec: FileSpec, suggestion: tuple[str, str] | None) -> str:
    if suggestion:
        return _("Unknown column; did you mean “%(suggestion)s”?") % {"suggestion": suggestion[1]}
    return _("Unknown column; the columns of %(file)s are: %(columns)s.") % {
        "file": f"{spec.name} ({spec.title})" if spec.title else spec.name,
        "columns": ", ".join(label(c) for c in spec.columns),
    }
