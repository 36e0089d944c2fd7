"""Forms of the rotation screens. They only collect input: the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from dangbo.core.formfields import BoundedModelChoiceField
from dangbo.core.forms import BoundedMeta
from dangbo.core.views import ActionForm, DayField, EndForm
from dangbo.org.forms import UnitChoiceField, capitalise_labels, visible_units, writable_units
from dangbo.org.models import Unit
from dangbo.people import selectors as people_selectors
from dangbo.people.forms import PersonChoiceField
from dangbo.people.models import Person
from dangbo.rotation import selectors
from dangbo.rotation.models import Rotation, RotationPlan

PLAN_FIELDS = ["code", "name", "kind", "unit", "start_year", "end_year"]
ROTATION_FIELDS = [
    "code",
    "person",
    "plan",
    "from_unit",
    "from_role",
    "to_unit",
    "to_role",
    "to_title",
    "reason",
    "start_date",
    "planned_months",
    "override_reason",
]


class PlanForm(WagtailAdminModelForm):
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("committee"))

    class Meta(BoundedMeta):
        model = RotationPlan
        fields = PLAN_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["unit"].queryset = writable_units(for_user, RotationPlan)


class PlanEditForm(WagtailAdminModelForm):
    """A plan's code and committee are its identity; the rest is corrected or evaluated."""

    class Meta(BoundedMeta):
        model = RotationPlan
        fields = ["name", "kind", "start_year", "end_year", "evaluation"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)


class RotationForm(WagtailAdminModelForm):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("person"))
    plan = BoundedModelChoiceField(
        queryset=RotationPlan.objects.none(), required=False, label=_("plan")
    )
    from_unit = UnitChoiceField(queryset=Unit.objects.none(), required=False, label=_("from unit"))
    to_unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("to unit"))
    start_date = DayField(label=_("start date"))
    override_reason = forms.CharField(
        label=_("override reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only for a standing committee member letting a finding stand (a promotion bar): "
            "the written reason is kept on the rotation."
        ),
    )

    class Meta(BoundedMeta):
        model = Rotation
        fields = ROTATION_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["person"].queryset = people_selectors.person_list_visible_to(user=for_user)
        self.fields["plan"].queryset = selectors.plan_list_visible_to(user=for_user)
        # From anywhere the user reads; to a unit where they may record the rotation.
        self.fields["from_unit"].queryset = visible_units(for_user)
        self.fields["to_unit"].queryset = writable_units(for_user, Rotation)


class RotationEndForm(EndForm):
    evaluation = forms.CharField(
        label=_("Evaluation"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class RotationEditForm(RotationForm):
    """Correct a rotation; its code and person are its identity."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].disabled = True
        self.fields["person"].disabled = True


class PlanSendBackForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the office must change; kept on the plan and in its history."),
        error_messages={"required": _("Write why the plan is sent back.")},
    )
