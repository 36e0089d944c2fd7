"""Forms of the organization screens. They only collect input: the services decide."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from dangbo.core.formfields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from dangbo.core.forms import BoundedMeta
from dangbo.core.views import DayField
from dangbo.org import scope, selectors
from dangbo.org.models import EventKind, Unit, UnitEvent, UnitKind
from dangbo.org.policy import CHANGE


class UnitChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class UnitMultipleChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


def capitalise_labels(form):
    """Labels reuse the models' lower-case verbose names (one msgid to translate)."""
    for field in form.fields.values():
        if field.label:
            field.label = capfirst(field.label)


def visible_units(user):
    """Units the user reads (their subtree and its history): for filters and lookups."""
    return selectors.unit_list_visible_to(user=user).order_by("path")


def writable_units(user, model):
    """Units where the user may add records of `model` (its policy): a form offers only these,
    so a choice it shows is never refused when saved."""
    from dangbo.org.policy import ADD, policy_for

    condition = scope.unit_condition(scope.write_paths(user, policy_for(model).roles_for(ADD)))
    units = visible_units(user)
    return units if condition is None else units.filter(condition)


class UnitForm(WagtailAdminModelForm):
    """Create a unit. A user below the top of the tree must place it under a unit of theirs."""

    parent = UnitChoiceField(queryset=Unit.objects.none(), required=False, label=_("parent unit"))
    valid_from = DayField(label=_("valid from"), required=False)
    valid_to = DayField(label=_("valid to"), required=False)

    class Meta(BoundedMeta):
        model = Unit
        fields = ["code", "name", "kind", "parent", "valid_from", "valid_to"]

    def __init__(self, *args, for_user=None, **kwargs):
        from dangbo.org.permissions import unit_policy

        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        parent = self.fields["parent"]
        parent.queryset = writable_units(for_user, Unit)
        # Only the operator may add a unit at the top of the tree.
        parent.required = not scope.is_unrestricted(for_user)
        if self.instance.pk:
            parent.queryset = parent.queryset.exclude(path__startswith=self.instance.path)
            current = self.instance.parent
            if current is None:
                parent.required = False
            elif not unit_policy.can(for_user, CHANGE, current):
                # The top unit of a user's own subtree: they keep its record, but moving
                # it is for whoever keeps the unit above.
                parent.queryset = Unit.objects.filter(pk=current.pk)
                parent.disabled = True


class UnitEditForm(UnitForm):
    """Correct a unit. The code is its identity: shown, never changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].disabled = True
        self.fields["code"].help_text = _("The code identifies the unit and cannot change.")


class AsOfForm(forms.Form):
    as_of = DayField(label=_("As of"), required=False)

    def day(self):
        if self.is_valid() and self.cleaned_data.get("as_of"):
            return self.cleaned_data["as_of"]
        return timezone.localdate()


class UnitEventForm(WagtailAdminModelForm):
    date = DayField(label=_("date"))
    sources = UnitMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("units before"),
        help_text=_("The units that end the day before (for a rename: the unit renamed)."),
    )
    targets = UnitMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("units after"),
        help_text=_("Existing units that start on this day; new ones are listed below."),
    )

    class Meta(BoundedMeta):
        model = UnitEvent
        fields = ["date", "kind", "sources", "targets", "name", "note"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        units = writable_units(for_user, UnitEvent)
        self.fields["sources"].queryset = units
        self.fields["targets"].queryset = units
        self.fields["name"].help_text = _("Only for a rename: the unit's new name.")

    def clean(self):
        data = super().clean()
        # A rename keeps the unit: naming it once, as the unit before, is enough.
        if data.get("kind") == EventKind.RENAME and not data.get("targets"):
            data["targets"] = data.get("sources")
        return data


class NewUnitForm(forms.Form):
    code = forms.CharField(label=_("code"), max_length=64, required=False)
    name = forms.CharField(label=_("name"), max_length=255, required=False)
    kind = forms.ChoiceField(
        label=_("kind"), choices=UnitKind.choices, initial=UnitKind.GRASSROOTS_COMMITTEE
    )
    parent = UnitChoiceField(queryset=Unit.objects.none(), required=False, label=_("parent unit"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = writable_units(user, Unit)

    def has_changed(self):
        # The kind has an initial value; a row is filled in only when it has a code or name.
        return bool(
            self.data.get(self.add_prefix("code")) or self.data.get(self.add_prefix("name"))
        )

    def clean(self):
        data = super().clean()
        if self.has_changed() and not (data.get("code") and data.get("name")):
            raise forms.ValidationError(_("A new unit needs both a code and a name."))
        return data


NewUnitFormSet = forms.formset_factory(NewUnitForm, extra=3, max_num=20)
