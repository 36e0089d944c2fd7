"""Declarative list filters every scoped listing shares.

`SubtreeUnitFilter("unit")`: the records of a chosen unit and of every unit below it (a
filter the user chose, on top of the scope, `scope.in_subtree`); its choices are only the
units the user sees (`org.forms.visible_units`), so a listing never names a unit out of
reach, and a crafted `?unit=<id>` outside them is refused by the form like any bad choice.

`OpenClosedFilter(end_field="end_date")`: records still running today (started, and their
last day empty or not passed) or ended (their last day before today), for every record with
a period (a unit's valid_from/valid_to, a post's start_date/end_date).
"""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_filters.constants import EMPTY_VALUES

OPEN = "current"
CLOSED = "ended"


def _visible_units(request):
    from dangbo.org.forms import visible_units

    return visible_units(request.user if request else None)


class SubtreeUnitFilter(django_filters.ModelChoiceFilter):
    def __init__(self, field_name="unit", *, label=None, **kwargs):
        kwargs.setdefault("queryset", _visible_units)
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
