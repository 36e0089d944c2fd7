"""Forms of the survey and help screens. They only collect input: the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from dangbo.assessment.models import Assessment, Assistance
from dangbo.core.forms import BoundedMeta
from dangbo.core.views import DayField
from dangbo.org.forms import UnitChoiceField, capitalise_labels, visible_units, writable_units
from dangbo.org.models import Unit

ASSESSMENT_FIELDS = ["year", "unit", "score"]
ASSISTANCE_FIELDS = ["unit", "helper", "role", "start_date", "end_date", "plan"]


class AssessmentForm(WagtailAdminModelForm):
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("unit"))

    class Meta(BoundedMeta):
        model = Assessment
        fields = ASSESSMENT_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["unit"].queryset = writable_units(for_user, Assessment)
        self.fields["score"].help_text = _("0 to 100; the level follows from the score.")


class AssessmentEditForm(AssessmentForm):
    """Correct the score; the year and the unit are the survey's identity."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].disabled = True
        self.fields["unit"].disabled = True


class AssistanceForm(WagtailAdminModelForm):
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("unit helped"))
    helper = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("helper"),
        help_text=_("The board, department or body that helps (chủ trì or phối hợp)."),
    )
    start_date = DayField(label=_("start date"))
    end_date = DayField(label=_("end date"), required=False)

    class Meta(BoundedMeta):
        model = Assistance
        fields = ASSISTANCE_FIELDS
        widgets = {"plan": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        # The committee that assigns help (a district's office naming its boards) sees both.
        self.fields["unit"].queryset = writable_units(for_user, Assistance)
        self.fields["helper"].queryset = visible_units(for_user)


class ProgressForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1930, max_value=2100)
    note = forms.CharField(
        label=_("Progress"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What was done this year; a second note for the same year replaces it."),
    )

    @staticmethod
    def default():
        return {"year": timezone.localdate().year}
