"""Form fields the back-office forms share."""

from django import forms
from wagtail.admin.widgets import AdminDateInput

from dangbo.core.dates import INPUT_FORMATS


class DayField(forms.DateField):
    """A date typed or picked as dd/mm/yyyy (ISO accepted too, for pasted values)."""

    widget = AdminDateInput(format="%d/%m/%Y")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", INPUT_FORMATS)
        super().__init__(**kwargs)
