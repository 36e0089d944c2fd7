"""Forms of the supervision screens. They only collect input: the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from dangbo.core.forms import BoundedMeta
from dangbo.core.views import DayField
from dangbo.org.forms import UnitChoiceField, capitalise_labels, writable_units
from dangbo.org.models import Unit
from dangbo.people import selectors as people_selectors
from dangbo.people.forms import PersonChoiceField
from dangbo.people.models import Person
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
