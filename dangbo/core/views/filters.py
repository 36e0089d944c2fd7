"""Declarative list filters every scoped listing shares.

`SubtreeUnitFilter("unit")`: the records of a chosen unit and of every unit below it (a
filter the user chose, on top of the scope, `scope.in_subtree`); its choices are only the
units the user sees (`org.forms.visible_units`), so a listing never names a unit out of
reach, and a crafted `?unit=<id>` outside them is refused by the form like any bad choice.
A province reads ten thousand units: the `<select>` (`UnitFilterSelect`) offers only the
committees (units with units below them) and the chosen unit, read with one query, and
works without JavaScript (a unit page links to `?unit=<id>`); with it, a search-as-you-type
box above it finds any unit the user sees (`home.views.UnitLookupView`, JSON, scoped) and
puts the one picked in the list. Validation still runs against every unit the user sees.

`OpenClosedFilter(end_field="end_date")`: records still running today (started, and their
last day empty or not passed) or ended (their last day before today), for every record with
a period (a unit's valid_from/valid_to, a post's start_date/end_date).
"""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_filters.constants import EMPTY_VALUES

OPEN = "current"
CLOSED = "ended"


def _visible_units(request):
    from dangbo.org.forms import visible_units

    return visible_units(request.user if request else None)


def _ids(values) -> list[int]:
    """The ids among submitted values (a crafted `?unit=abc` is no id: nothing to show)."""
    ids = []
    for value in values:
        text = str(value or "").strip()
        if text.isdigit() and len(text) < 19:
            ids.append(int(text))
    return ids


class UnitFilterSelect(forms.Select):
    """The unit filter's `<select>`: the committees the user sees and the chosen unit (not
    every unit in reach), and a search box that JavaScript shows to find any other.

    Its choices are the field's (a `ModelChoiceIterator` over the units the user sees), never
    iterated whole: `optgroups` narrows that queryset in the database."""

    template_name = "dangbo/widgets/unit_filter_select.html"
    lookup_url_name = "home_unit_lookup"

    class Media:
        css = {"all": ["dangbo/css/unit-filter.css"]}

    def offered(self, value):
        from dangbo.org.models import Unit

        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if queryset is None:  # plain choices (not a model field): as Django's Select
            return None
        parents = Unit.objects.filter(parent__isnull=False).values("parent_id")
        chosen = _ids(value)
        condition = Q(pk__in=parents)
        if chosen:
            condition |= Q(pk__in=chosen)
        options = []
        field = iterator.field
        if field.empty_label is not None:
            options.append(("", field.empty_label))
        options += [iterator.choice(unit) for unit in queryset.filter(condition)]
        return options

    def optgroups(self, name, value, attrs=None):
        options = self.offered(value)
        if options is None:
            return super().optgroups(name, value, attrs)
        groups = []
        chosen = {str(v) for v in value if v not in (None, "")}
        for index, (option_value, label) in enumerate(options):
            option_value = "" if option_value is None else option_value
            selected = str(option_value) in chosen or (not chosen and option_value == "")
            groups.append(
                (
                    None,
                    [self.create_option(name, option_value, label, selected, index, attrs=attrs)],
                    index,
                )
            )
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            context["widget"]["lookup_url"] = reverse(self.lookup_url_name)
        except NoReverseMatch:
            context["widget"]["lookup_url"] = ""
        return context


class SubtreeUnitFilter(django_filters.ModelChoiceFilter):
    def __init__(self, field_name="unit", *, label=None, **kwargs):
        kwargs.setdefault("queryset", _visible_units)
        kwargs.setdefault("widget", UnitFilterSelect)
        super().__init__(
            field_name=field_name, label=label or gettext_lazy("unit (and below)"), **kwargs
        )

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        from dangbo.org import scope

        return scope.in_subtree(qs, self.field_name, value)


class OpenClosedFilter(django_filters.ChoiceFilter):
    def __init__(
        self,
        *,
        end_field: str = "end_date",
        start_field: str | None = "start_date",
        label=None,
        open_label=None,
        closed_label=None,
        **kwargs,
    ):
        self.end_field = end_field
        self.start_field = start_field
        choices = [
            (OPEN, open_label or gettext_lazy("Running today")),
            (CLOSED, closed_label or gettext_lazy("Ended")),
        ]
        super().__init__(
            field_name=end_field, label=label or gettext_lazy("Status"), choices=choices, **kwargs
        )

    def open_on(self, model, day) -> Q:
        condition = Q(**{f"{self.end_field}__isnull": True}) | Q(**{f"{self.end_field}__gte": day})
        if self.start_field:
            started = Q(**{f"{self.start_field}__lte": day})
            if model._meta.get_field(self.start_field).null:
                started |= Q(**{f"{self.start_field}__isnull": True})
            condition &= started
        return condition

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        today = timezone.localdate()
        if value == OPEN:
            return qs.filter(self.open_on(qs.model, today))
        if value == CLOSED:
            return qs.filter(**{f"{self.end_field}__lt": today})
        return qs
