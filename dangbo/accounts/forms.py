"""Wagtail's user forms with the unit and role that bound what a user sees and does."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from dangbo.accounts.models import UserRole
from dangbo.org.models import Unit


class _UnitRoleFields(forms.ModelForm):
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.order_by("path"),
        required=False,
        label=_("Unit"),
        help_text=_("The user sees and acts on this unit and the units below it."),
    )
    role = forms.ChoiceField(
        choices=[("", "---------"), *UserRole.choices], required=False, label=_("Role")
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("unit")) != bool(cleaned.get("role")):
            raise forms.ValidationError(_("Give both a unit and a role, or neither."))
        return cleaned


class DangboUserCreationForm(_UnitRoleFields, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = [*UserCreationForm.Meta.fields, "unit", "role"]


class DangboUserEditForm(_UnitRoleFields, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*UserEditForm.Meta.fields, "unit", "role"]
