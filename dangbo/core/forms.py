"""The back-office forms' fields, bounded like the import (core/bounds.py).

Each model form's Meta inherits BoundedMeta: a text is stored in NFC and refused with a
control or text-direction character (a note keeps tabs and line breaks); a whole number
or decimal gets the range of core/bounds.py (its column's, narrowed where the product
knows better), so that a 420-char name or a score of 1e308 is a field error, never a
database error.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import formfield_for_dbfield as wagtail_formfield_for_dbfield

from dangbo.core.bounds import field_bounds
from dangbo.core.text import nfc, refused_character


class CleanCharField(forms.CharField):
    """A text in NFC, without control characters or bidirectional overrides."""

    note = False

    def to_python(self, value):
        value = super().to_python(value)
        return nfc(value) if isinstance(value, str) else value

    def validate(self, value):
        super().validate(value)
        if isinstance(value, str) and (refused := refused_character(value, note=self.note)):
            raise ValidationError(
                _(
                    "The text holds a control or text-direction character (%(char)s, "
                    "character %(position)d), which cannot be stored; retype it."
                ),
                code="refused_character",
                params={"char": refused[1], "position": refused[0]},
            )


class CleanNoteField(CleanCharField):
    """A free-text note: tabs and line breaks are welcome."""

    note = True


def bounded_kwargs(db_field) -> dict:
    """The form field's arguments that bound it like its model field (core/bounds.py)."""
    kind = type(db_field)
    if kind is models.CharField and not db_field.choices:
        return {"form_class": CleanCharField}
    if kind is models.TextField:
        return {"form_class": CleanNoteField}
    if isinstance(db_field, models.IntegerField | models.DecimalField) and not db_field.choices:
        bounds = field_bounds(db_field)
        return {"min_value": bounds.min_value, "max_value": bounds.max_value}
    return {}


def formfield_for_dbfield(db_field, **kwargs):
    """Wagtail's form field for `db_field`, bounded; a form's own arguments win."""
    return wagtail_formfield_for_dbfield(db_field, **{**bounded_kwargs(db_field), **kwargs})


class BoundedMeta:
    """The base of a back-office model form's Meta: `class Meta(BoundedMeta)`.

    Django reads `formfield_callback` from the form's own Meta only, so each form's Meta
    inherits it from here (WagtailAdminModelForm's own is not inherited either).
    """

    formfield_callback = formfield_for_dbfield
