from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search people and units"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("Name or code, with or without accents…"), "type": "search"}
        ),
    )
