"""The issue form: the kind's options (the review's own fields), then who issues and signs.

Its fields are prefilled from the issuing unit's profile (what its last issue said)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.core.views import DayField
from dangbo.org.forms import UnitChoiceField, capitalise_labels, writable_units
from dangbo.reports.content import DocumentKind
from dangbo.reports.models import IssuedDocument
from dangbo.reviews.options import OPTIONS


def option_fields(kind: DocumentKind) -> dict:
    fields = {name: OPTIONS[name].field() for name in kind.options}
    fields.update({name: option.field() for name, option in kind.extra_options.items()})
    return fields


class IssueForm(forms.Form):
    unit = UnitChoiceField(queryset=None, label=_("issuing unit"))
    issued_on = DayField(label=_("date"))
    superior_body = forms.CharField(label=_("superior body"), max_length=255, required=False)
    issuing_body = forms.CharField(label=_("issuing body"), max_length=255)
    abbreviation = forms.CharField(label=_("abbreviation in the number"), max_length=32)
    author = forms.CharField(label=_("issued by (in a sentence)"), max_length=255, required=False)
    place = forms.CharField(label=_("place"), max_length=128, required=False)
    on_behalf = forms.CharField(label=_("on behalf line"), max_length=128, required=False)
    signer_title = forms.CharField(label=_("signer's title"), max_length=128)
    signer_name = forms.CharField(label=_("signer"), max_length=255)
    recipients = forms.CharField(
        label=_("recipients"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One per line; the archive line (Lưu VT) is added."),
    )
    term_started_on = DayField(
        label=_("the committee term started on"),
        required=False,
        help_text=_("Numbers restart from 01 with each five-year term counted from this day."),
    )
    replaces = forms.CharField(
        label=_("replaces"),
        max_length=64,
        required=False,
        help_text=_("The number of the document this one corrects, e.g. 45-TB/HU."),
    )

    def __init__(self, *args, kind: DocumentKind, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["unit"].queryset = writable_units(user, IssuedDocument)
        for name, field in option_fields(kind).items():
            self.fields[name] = field
        capitalise_labels(self)

    def option_names(self) -> list[str]:
        return list(option_fields(self.kind))

    def issue_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.option_names()}
        data["recipients"] = [r for r in data.get("recipients", "").splitlines() if r.strip()]
        return data

    def options(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.option_names()}
