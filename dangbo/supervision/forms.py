"""Forms of the supervision screens. They only collect input: the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from dangbo.core.formfields import BoundedModelChoiceField
from dangbo.core.forms import BoundedMeta
from dangbo.core.views import DayField
from dangbo.org.forms import UnitChoiceField, capitalise_labels, writable_units
from dangbo.org.models import Unit
from dangbo.people import selectors as people_selectors
from dangbo.people.forms import PersonChoiceField
from dangbo.people.models import Person
from dangbo.supervision.labels import period_label
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport

ASSIGNMENT_FIELDS = ["person", "unit", "field", "start_date", "end_date"]
REPORT_FIELDS = ["person", "period", "submitted_date", "summary"]


class AssignmentForm(WagtailAdminModelForm):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("committee member"))
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("area"))
    start_date = DayField(label=_("start date"))
    end_date = DayField(label=_("end date"), required=False)

    class Meta(BoundedMeta):
        model = SupervisionAssignment
        fields = ASSIGNMENT_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["person"].queryset = people_selectors.person_list_visible_to(user=for_user)
        self.fields["unit"].queryset = writable_units(for_user, SupervisionAssignment)


class ReportForm(WagtailAdminModelForm):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("committee member"))
    period = forms.CharField(
        label=_("period"), max_length=6, help_text=_("The quarter, written YYYYQn (e.g. 2019Q1).")
    )
    submitted_date = DayField(label=_("submitted on"))

    class Meta(BoundedMeta):
        model = SupervisionReport
        fields = REPORT_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["person"].queryset = people_selectors.person_list_visible_to(user=for_user)

    def clean_period(self):
        return self.cleaned_data["period"].strip().upper()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files (Django's documented way of a multiple file input)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class OwnReportForm(forms.Form):
    """A committee member's own report: whose and which quarter come with the page; the date
    filed is the system's."""

    # Whose report: the page puts the user's own person; the service refuses anyone else.
    person = BoundedModelChoiceField(queryset=Person.objects.all(), widget=forms.HiddenInput)
    period = forms.CharField(widget=forms.HiddenInput, max_length=6)
    summary = forms.CharField(
        label=_("Report"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What you supervised in your area this quarter, and what you found."),
    )
    files = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("One or more files (the report signed, minutes, pictures)."),
    )

    def clean_period(self):
        return self.cleaned_data["period"].strip().upper()


class BoardForm(forms.Form):
    """The quarter board's choices: which quarter, which committee's areas, as of which day."""

    period = forms.ChoiceField(label=_("Quarter"), choices=())
    unit = UnitChoiceField(
        queryset=Unit.objects.none(), label=_("Committee"), required=False, empty_label=None
    )
    as_of = DayField(label=_("As of"))

    def __init__(self, *args, periods=(), units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p, period_label(p)) for p in periods]
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["unit"].empty_label = _("All units in my reach")
