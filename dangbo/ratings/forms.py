"""Forms of the classification screens. They only collect input: the services decide."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from dangbo.core.forms import BoundedMeta
from dangbo.core.views import ActionForm
from dangbo.org.forms import UnitChoiceField, capitalise_labels, writable_units
from dangbo.org.models import Unit
from dangbo.people import selectors as people_selectors
from dangbo.people.forms import PersonChoiceField
from dangbo.people.models import Person
from dangbo.ratings.models import Rating, RatingGroup, RatingRound
from dangbo.ratings.selectors import offered_groups

RATING_FIELDS = ["year", "person", "unit", "group", "level", "score"]
ROUND_FIELDS = ["year", "unit"]
GROUP_FIELDS = ["code", "name", "valid_from", "valid_to"]
GROUP_HELP = _(
    "Subjects with similar duties; the quota is counted in each group. The groups are a "
    "kept list (Classification → Rating groups)."
)


def group_field(current: str | None = None) -> forms.ChoiceField:
    """The group picked by name from the kept list; the rating stores its code. A closed
    group stays offered on the rating that has it."""
    groups = offered_groups()
    choices = [(g.code, g.name) for g in groups]
    if current and current not in {g.code for g in groups}:
        kept = RatingGroup.objects.filter(code=current).first()
        choices.append((current, kept.name if kept else current))
    return forms.ChoiceField(
        label=capfirst(_("group")), choices=[("", "---------"), *choices], help_text=GROUP_HELP
    )


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
        self.fields["group"] = group_field()


class RatingEditForm(WagtailAdminModelForm):
    """The subject and year are the rating's identity; group, level and score are corrected."""

    class Meta(BoundedMeta):
        model = Rating
        fields = ["group", "level", "score"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["group"] = group_field(self.instance.group if self.instance.pk else None)


class RoundForm(WagtailAdminModelForm):
    """Open a year's round of a committee's subtree, as a draft."""

    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label=_("committee"),
        help_text=_("The round covers the ratings of this unit and of every unit below it."),
    )

    class Meta(BoundedMeta):
        model = RatingRound
        fields = ROUND_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["unit"].queryset = writable_units(for_user, RatingRound)


class SubmitForm(ActionForm):
    """Submitting asks for nothing but the version of the round the user saw."""


class ApproveForm(SubmitForm):
    override_reason = forms.CharField(
        label=_("Override reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=OVERRIDE_HELP,
    )


class SendBackForm(SubmitForm):
    reason = forms.CharField(
        label=_("Reason for sending back"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the office must correct before it submits the round again."),
        error_messages={"required": _("Write why the round is sent back.")},
    )


class GroupForm(WagtailAdminModelForm):
    class Meta(BoundedMeta):
        model = RatingGroup
        fields = GROUP_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        if "code" in self.fields:
            self.fields["code"].help_text = _(
                "The key stored with each rating and in the dataset's group column "
                "(lower case, no spaces: dang_bo_xa). It cannot be changed later."
            )


class GroupEditForm(GroupForm):
    class Meta(GroupForm.Meta):
        fields = ["name", "valid_from", "valid_to"]
