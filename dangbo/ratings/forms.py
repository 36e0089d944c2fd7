"""Forms of the classification screens. They only collect input: the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from dangbo.core.forms import BoundedMeta
from dangbo.org.forms import UnitChoiceField, capitalise_labels, writable_units
from dangbo.org.models import Unit
from dangbo.people import selectors as people_selectors
from dangbo.people.forms import PersonChoiceField
from dangbo.people.models import Person
from dangbo.ratings.models import Rating, RatingRound

RATING_FIELDS = ["year", "person", "unit", "group", "level", "score"]
ROUND_FIELDS = ["year", "unit", "override_reason"]

OVERRIDE_HELP = _(
    "Only when a finding stands (more rated excellent than the quota allows): the standing "
    "committee's written reason for approving anyway, kept on the round."
)


class RatingForm(WagtailAdminModelForm):
    person = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("person"),
        help_text=_("For a person's rating; it is placed in the person's unit."),
    )
    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("unit"),
        help_text=_("For a unit's rating: the unit rated (leave the person empty)."),
    )

    class Meta(BoundedMeta):
        model = Rating
        fields = RATING_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["person"].queryset = people_selectors.person_list_visible_to(user=for_user)
        self.fields["unit"].queryset = writable_units(for_user, Rating)
        self.fields["group"].help_text = _(
            "Subjects with similar duties; the quota is counted in each group."
        )


class RatingEditForm(WagtailAdminModelForm):
    """The subject and year are the rating's identity; group, level and score are corrected."""

    class Meta(BoundedMeta):
        model = Rating
        fields = ["group", "level", "score"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)


class RoundForm(WagtailAdminModelForm):
    """Approve a year's ratings of a committee's subtree."""

    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("committee"))
    override_reason = forms.CharField(
        label=_("override reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=OVERRIDE_HELP,
    )

    class Meta(BoundedMeta):
        model = RatingRound
        fields = ROUND_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["unit"].queryset = writable_units(for_user, RatingRound)


class ApproveForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Override reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=OVERRIDE_HELP,
    )
