"""Choice fields that refuse an id no database row can have, before asking the database.

A crafted POST with an id such as 99999999999999999999 made SQLite raise OverflowError (a 500)
where Django expects a DoesNotExist; an id is refused as an invalid choice instead.
"""

from django import forms
from django.core.exceptions import ValidationError

# The largest id a BigAutoField holds, on SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1


def _plausible_id(value) -> bool:
    text = str(value).strip()
    return text.isdigit() and int(text) <= MAX_ID


class BoundedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.to_field_name is None and not _plausible_id(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                if not _plausible_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)
