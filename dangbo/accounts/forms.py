"""Wagtail's user forms with the user's grants (unit, role, from, to) as rows beneath them."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from dangbo.accounts.models import Grant, User
from dangbo.core.views import DayField
from dangbo.org.forms import UnitChoiceField
from dangbo.org.models import Unit


class GrantForm(forms.ModelForm):
    unit = UnitChoiceField(queryset=Unit.objects.order_by("path"), label=_("Unit"))
    valid_from = DayField(label=_("valid from"), required=False)
    valid_to = DayField(
        label=_("valid to"),
        required=False,
        help_text=_("A grant is ended on its last day, never deleted."),
    )

    class Meta:
        model = Grant
        fields = ["unit", "role", "valid_from", "valid_to"]
        labels = {"role": _("Role")}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date is before the start date."))
        return cleaned


GrantFormSet = forms.inlineformset_factory(User, Grant, form=GrantForm, extra=1, can_delete=False)


class _WithGrants:
    """The user's grants as a formset inside the user form; saved by the view's services."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.grants = GrantFormSet(
            self.data if self.is_bound else None, instance=self.instance, prefix="grants"
        )

    def is_valid(self):
        valid = super().is_valid()
        return self.grants.is_valid() and valid

    @property
    def media(self):
        return super().media + self.grants.media


class DangboUserCreationForm(_WithGrants, UserCreationForm):
    pass


class DangboUserEditForm(_WithGrants, UserEditForm):
    pass


class LoginForm(WagtailLoginForm):
    """Wagtail's login form; its password field has no label of its own, so Django showed the
    field's name, "Password", untranslated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
