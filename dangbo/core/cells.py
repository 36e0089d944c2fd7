"""Cells of every download, so that no text is run by a spreadsheet as a formula.

OWASP's advice on CSV injection: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a
carriage return may be read by Excel or LibreOffice as a formula (`=HYPERLINK(...)`,
`-2+3`, `@SUM(...)`). Every export goes through this module:

- CSV: such a text gets a leading single quote (`'=1+2`), which spreadsheets show as text.
- .xlsx: the cell is written as a text cell (never a formula) with the "quote prefix" style.

Only text is touched: numbers and dates are written as they are (a score of -5 stays a
number). The dataset import takes the quote off again (`restore`), so that the project's own
exports import back unchanged; a text that itself begins with quotes and then one of those
characters gets one more quote on the way out, so that `restore` gives back exactly what was
stored.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _quoted_formula(text: str) -> bool:
    """`'=x`, `''-1`: quotes followed by a formula start (what `neutralize` produces)."""
    return text.startswith(QUOTE) and starts_like_formula(text.lstrip(QUOTE))


def neutralize(value):
    """A CSV cell's value: a text that starts like a formula gets a leading quote."""
    if isinstance(value, str) and (starts_like_formula(value) or _quoted_formula(value)):
        return QUOTE + value
    return value


def guard_xlsx_cell(cell):
    """Makes an openpyxl cell holding text a text cell: never a formula, whatever it begins
    with. Returns the cell (write-only cells are appended by the caller)."""
    value = cell.value
    if not isinstance(value, str):
        return cell
    if _quoted_formula(value):
        cell.value = value = QUOTE + value  # so that `restore` gives the stored text back
    cell.data_type = "s"  # openpyxl makes "=…" a formula when the value is set
    if starts_like_formula(value) or _quoted_formula(value):
        cell.quotePrefix = True
    return cell


def xlsx_cell(sheet, value):
    """A write-only cell for `value` (text guarded by `guard_xlsx_cell`)."""
    from openpyxl.cell import WriteOnlyCell

    return guard_xlsx_cell(WriteOnlyCell(sheet, value))


def restore(text: str) -> str:
    """The text an export neutralized, as it was stored (the dataset import's side)."""
    return text[1:] if _quoted_formula(text) else text
