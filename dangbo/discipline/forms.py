"""Forms of the discipline screens. They only collect input: the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from dangbo.core.forms import BoundedMeta
from dangbo.core.views import ActionForm, DayField
from dangbo.discipline.models import ComplaintOutcome, DisciplineCase, Form, SubjectKind
from dangbo.discipline.services import CASE_FIELDS, OPEN_FIELDS
from dangbo.org.forms import UnitChoiceField, capitalise_labels, writable_units
from dangbo.org.models import Unit
from dangbo.people import selectors as people_selectors
from dangbo.people.forms import PersonChoiceField
from dangbo.people.models import Person
from dangbo.rules import discipline as rules

CASE_FORM_FIELDS = ["code", *CASE_FIELDS]
OPEN_FORM_FIELDS = ["code", *OPEN_FIELDS]


class CaseForm(WagtailAdminModelForm):
    """Opens a case at the ideological-work step: subject, violation, the talk with the person.
    The decision and what follows are recorded later, each step by its own form."""

    person = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("person"),
        help_text=_("For a case against a person."),
    )
    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("unit"),
        help_text=_(
            "The unit disciplined, or the unit the person belonged to at the decision "
            "(the person's current unit when left empty)."
        ),
    )
    violation_date = DayField(label=_("violation date"))
    ideological_work_date = DayField(label=_("ideological work on"), required=False)

    class Meta(BoundedMeta):
        model = DisciplineCase
        fields = OPEN_FORM_FIELDS
        widgets = {
            "ideological_work_note": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["person"].queryset = people_selectors.person_list_visible_to(user=for_user)
        self.fields["unit"].queryset = writable_units(for_user, DisciplineCase)
        self.fields["ideological_work_note"].help_text = _(
            "The talk with the person before the decision (Tân Kỳ practice): who, what came of it."
        )


class CaseEditForm(CaseForm):
    """Corrects a case as a whole (a wrong date, a typo); the steps have their own forms."""

    decided_date = DayField(label=_("decision date"), required=False)
    announced_date = DayField(label=_("announcement date"), required=False)
    complaint_date = DayField(label=_("complaint filed on"), required=False)
    complaint_resolved_date = DayField(label=_("complaint resolved on"), required=False)

    class Meta(CaseForm.Meta):
        fields = CASE_FORM_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].disabled = True
        self.fields["code"].help_text = _("The code identifies the case and cannot change.")


class StepForm(ActionForm):
    """One step of a case (its own short form); the version the user saw goes with it."""

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case


class DecideForm(StepForm):
    form = forms.ChoiceField(label=_("Form of discipline"), choices=())
    decided_date = DayField(label=_("Decision date"))
    decided_by = forms.CharField(
        label=_("Deciding body"),
        max_length=DisciplineCase._meta.get_field("decided_by").max_length,
        required=False,
        help_text=_("E.g. Ủy ban Kiểm tra Huyện ủy, Ban Thường vụ Huyện ủy."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = (
            rules.PERSON_FORMS if self.case.subject_kind == SubjectKind.PERSON else rules.UNIT_FORMS
        )
        self.fields["form"].choices = [("", "---------")] + [
            (value, label) for value, label in Form.choices if value in allowed
        ]


class AnnounceForm(StepForm):
    announced_date = DayField(label=_("Announcement date"))


class ComplaintForm(StepForm):
    complaint_date = DayField(label=_("Complaint filed on"))


class ResolveForm(StepForm):
    complaint_resolved_date = DayField(label=_("Complaint resolved on"))
    complaint_outcome = forms.ChoiceField(
        label=pgettext_lazy("discipline", "Outcome"),
        choices=[("", "---------"), *ComplaintOutcome.choices],
    )


STEP_FORMS = {
    rules.DECIDED: DecideForm,
    rules.ANNOUNCED: AnnounceForm,
    rules.COMPLAINT_FILED: ComplaintForm,
    rules.COMPLAINT_RESOLVED: ResolveForm,
}


FIRST_HALF, SECOND_HALF, WHOLE_YEAR = "1", "2", "year"


class PublishedListForm(forms.Form):
    """A period of the published lists: a half-year (Jan–Jun, Jul–Dec) or a year."""

    year = forms.IntegerField(label=_("Year"), min_value=1930, max_value=2100)
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (FIRST_HALF, _("First six months (January–June)")),
            (SECOND_HALF, _("Last six months (July–December)")),
            (WHOLE_YEAR, _("Whole year")),
        ],
    )

    @staticmethod
    def default():
        today = timezone.localdate()
        return {"year": today.year, "period": FIRST_HALF if today.month <= 6 else SECOND_HALF}
