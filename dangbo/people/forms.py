"""Forms of the people screens. They only collect input: the services decide."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from dangbo.core.formfields import BoundedModelChoiceField
from dangbo.core.forms import BoundedMeta
from dangbo.core.views import DayField
from dangbo.org import scope
from dangbo.org.forms import UnitChoiceField, capitalise_labels, writable_units
from dangbo.org.models import Unit
from dangbo.people import selectors
from dangbo.people.models import Person, Position
from dangbo.people.services import PERSON_FIELDS

PERSON_FORM_FIELDS = ["code", *PERSON_FIELDS]


class PersonForm(WagtailAdminModelForm):
    birth_date = DayField(label=_("birth date"))
    party_join_date = DayField(label=_("party join date"), required=False)
    party_official_date = DayField(label=_("party official date"), required=False)
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("current unit"))

    class Meta(BoundedMeta):
        model = Person
        fields = PERSON_FORM_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["unit"].queryset = writable_units(for_user, Person)
        # Only the operator keeps people outside every unit.
        self.fields["unit"].required = not scope.is_unrestricted(for_user)


class PersonEditForm(PersonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].disabled = True
        self.fields["code"].help_text = _("The code identifies the person and cannot change.")


class PersonChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.code})"


class PositionForm(WagtailAdminModelForm):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("person"))
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("unit"))
    start_date = DayField(label=_("start date"))
    end_date = DayField(label=_("end date"), required=False)

    class Meta(BoundedMeta):
        model = Position
        fields = ["person", "unit", "role", "title", "start_date", "end_date"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["person"].queryset = selectors.person_list_visible_to(user=for_user)
        self.fields["unit"].queryset = writable_units(for_user, Position)
