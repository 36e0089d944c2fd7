"""The listing of a scoped viewset: only what the user may see, searched accent-insensitively."""

import datetime

from django.contrib.admin.utils import quote
from django.urls import reverse
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic

from dangbo.core.dates import vn_date_or_dash
from dangbo.core.export import SafeExportMixin
from dangbo.core.text import fold
from dangbo.core.views.access import ScopedObjectMixin
from dangbo.core.views.pagination import BoundedPaginator


class ScopedIndexView(ScopedObjectMixin, SafeExportMixin, generic.IndexView):
    """A listing of only what the user may see; names link to the record's page."""

    # The count stops at 10,000 (pagination.py): a million posts in reach cost 1.1 s to count.
    paginator_class = BoundedPaginator
    results_template_name = "dangbo/listing/results.html"

    # CSV is opened in spreadsheets set to Vietnamese: write dates the way they are read.
    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        datetime.date: {"csv": vn_date_or_dash, "xlsx": None},
    }

    def get_base_queryset(self):
        return self.scoped_queryset()

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        cells = super().generate_xlsx_row(worksheet, row_dict, date_format)
        for value, cell in zip(row_dict.values(), cells, strict=True):
            if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
                cell.number_format = "dd/mm/yyyy"
            yield cell

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column = super()._get_title_column(field_name, column_class, **kwargs)
        column._get_url_func = lambda instance: (
            self.get_inspect_url(instance) or self.get_edit_url(instance)
        )
        return column

    def get_delete_url(self, instance):
        return None

    # The folded text field searched (e.g. "search_text", "person__search_text"): the query is
    # folded the same way, so "nguyen" finds "Nguyễn" on SQLite and PostgreSQL alike.
    folded_search_field = None
    # (URL name, ScopedActionView subclass) of the viewset's `action_views` `in_listing`.
    record_actions = ()

    def search_queryset(self, queryset):
        if not (self.is_searching and self.folded_search_field):
            return super().search_queryset(queryset)
        words = fold(self.search_query).split()
        relation, _, field = self.folded_search_field.rpartition("__")
        if not relation or "__" in relation:
            for word in words:
                queryset = queryset.filter(**{f"{self.folded_search_field}__contains": word})
            return queryset
        # A related record's text (the person of a post): matched in its own table first, as
        # `person IN (…)`. Joined row by row, SQLite read every post in reach and its person
        # (0.8 s for a province of a million) where the people's table alone takes 60 ms.
        matches = queryset.model._meta.get_field(relation).related_model._default_manager.all()
        for word in words:
            matches = matches.filter(**{f"{field}__contains": word})
        return queryset.filter(**{f"{relation}__in": matches.values("pk")})

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return buttons + list(self.get_extra_list_buttons(instance))

    def get_extra_list_buttons(self, instance):
        for url_name, view_class in self.record_actions:
            if view_class.in_listing and view_class.offered(
                self.permission_policy, self.request.user, instance
            ):
                url = reverse(url_name, args=(quote(instance.pk),))
                yield MenuItem(
                    view_class.button_label(),
                    url=url,
                    icon_name=view_class.button_icon,
                    priority=view_class.button_priority,
                )
