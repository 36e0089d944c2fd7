"""Wagtail's user forms with the user's grants (unit, role, from, to) as rows beneath them."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from dangbo.accounts.models import Grant, User
from dangbo.core.views import DayField
from dangbo.org.forms import UnitChoiceField
from dangbo.org.models import Unit
from dangbo.org.validation import check_period
from dangbo.people.forms import PersonChoiceField
from dangbo.people.models import Person


class GrantForm(forms.ModelForm):
    unit = UnitChoiceField(queryset=Unit.objects.order_by("path"), label=_("Unit"))
    valid_from = DayField(label=_("valid from"), required=False)
    valid_to = DayField(
        label=_("valid to"),
        required=False,
        help_text=_("A grant is ended on its last day, never deleted."),
    )

    class Meta:
        model = Grant
        fields = ["unit", "role", "valid_from", "valid_to"]
        labels = {"role": _("Role")}

    def clean(self):
        cleaned = super().clean()
        # The services' own check, shown on the row before anything is saved.
        for problem in check_period(cleaned.get("valid_from"), cleaned.get("valid_to"), "valid_to"):
            self.add_error(problem.field, problem.message)
        return cleaned


GrantFormSet = forms.inlineformset_factory(User, Grant, form=GrantForm, extra=1, can_delete=False)


def linkable_people(user: User | None):
    """The people a login may be linked to: the committee members with a supervision
    assignment (what the link is for today), and the person already linked, by name."""
    people = Person.objects.filter(supervision_assignments__isnull=False)
    if user is not None and user.person_id:
        people = Person.objects.filter(Q(pk__in=people.values("pk")) | Q(pk=user.person_id))
    return people.distinct().order_by("full_name", "code")


class _WithGrants:
    """The user's grants as a formset inside the user form; saved by the view's services.
    The linked person (a committee member filing their own reports) is a field of the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = PersonChoiceField(
            queryset=linkable_people(self.instance if self.instance.pk else None),
            required=False,
            label=_("Person"),
            help_text=_(
                "The committee member this login belongs to: they see their assignments "
                "and file their own quarterly reports on the page My work."
            ),
        )
        self.fields["person"].initial = self.instance.person_id
        self.grants = GrantFormSet(
            self.data if self.is_bound else None, instance=self.instance, prefix="grants"
        )

    def is_valid(self):
        valid = super().is_valid()
        return self.grants.is_valid() and valid

    @property
    def media(self):
        return super().media + self.grants.media


class DangboUserCreationForm(_WithGrants, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"person"}


class DangboUserEditForm(_WithGrants, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"person"}


class LoginForm(WagtailLoginForm):
    """Wagtail's login form; its password field has no label of its own, so Django showed the
    field's name, "Password", untranslated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
