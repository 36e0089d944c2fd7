"""What a value may be, read from its model field: shared by the import and the forms.

A text holds at most the field's max_length characters (a TextField at most what one
spreadsheet cell holds, so that every record can be exported back); a whole number lies
in the range the column holds on every supported database (PostgreSQL's, which SQLite does
not enforce), narrowed where the product knows better (RANGES); a decimal has the field's
digits. The import (interchange/specs.py) and the back-office forms (core/forms.py) both
ask here, so a value refused by one is refused by the other.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

# The most characters a spreadsheet cell holds (Excel's limit): a longer note could not
# be exported to .xlsx and imported back.
CELL_MAX_CHARACTERS = 32_767

# Years of the records kept (parsers.year, the progress form): a four-digit year.
YEARS = (1900, 2100)

# Ranges narrower than the column, where the product knows the sense of the number.
RANGES: dict[str, tuple[int, int]] = {
    # A rotation lasts from one month to 50 years: anything longer is a typing error
    # (months typed as days, a year typed as months).
    "rotation.Rotation.planned_months": (1, 600),
    "assessment.Assessment.score": (0, 100),
    "ratings.Rating.score": (0, 100),
}


@dataclass(frozen=True)
class Bounds:
    max_length: int | None = None
    note: bool = False  # a free-text note: tab and line breaks allowed
    min_value: int | Decimal | None = None
    max_value: int | Decimal | None = None


def field_bounds(field: models.Field) -> Bounds:
    key = f"{field.model._meta.label}.{field.name}"
    if isinstance(field, models.TextField):
        return Bounds(max_length=field.max_length or CELL_MAX_CHARACTERS, note=True)
    if isinstance(field, models.CharField):
        return Bounds(max_length=field.max_length)
    if isinstance(field, models.IntegerField):
        low, high = RANGES.get(key) or (
            YEARS if field.name == "year" or field.name.endswith("_year") else column_range(field)
        )
        return Bounds(min_value=low, max_value=high)
    if isinstance(field, models.DecimalField):
        if key in RANGES:
            low, high = (Decimal(v) for v in RANGES[key])
        else:
            high = Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(10) ** (
                -field.decimal_places
            )
            low = -high
        return Bounds(min_value=low, max_value=high)
    return Bounds()


def column_range(field: models.IntegerField) -> tuple[int, int]:
    """The integers the field's column holds on PostgreSQL (and so everywhere)."""
    return BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
