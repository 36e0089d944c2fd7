"""A record's full history: our audit entries, each import's own, times in local time."""

from django.utils.functional import cached_property
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views.generic import history as wagtail_history

from dangbo.core import audit
from dangbo.core.views.access import VIEW, ScopedObjectMixin
from dangbo.core.views.columns import TimeColumn


class ScopedHistoryView(ScopedObjectMixin, wagtail_history.HistoryView):
    # Readers may see who changed a record they can see, not only its editors.
    any_permission_required = [VIEW, "add", "change"]

    def get_base_object_queryset(self):
        return self.scoped_queryset()

    def get_base_queryset(self):
        # Not Wagtail's latest-per-uuid grouping (made for page revisions): the entries of
        # one import share its uuid, and each record must still show its own.
        return self._annotate_queryset(audit.history(self.object))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        audit.with_creation_values(context["object_list"], self.object)
        return context

    @cached_property
    def columns(self):
        # The time of each change as a time (Wagtail's column says "3 days ago").
        return [
            TimeColumn(c.name, label=c.label, width=c.width) if isinstance(c, DateColumn) else c
            for c in wagtail_history.HistoryView.columns.func(self)
        ]

    @cached_property
    def header_buttons(self):
        if self.edit_url_name and self.can_change(self.object):
            return super().header_buttons
        return []
