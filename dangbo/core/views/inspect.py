"""A record's own page (inspect view): its values, its actions, its recent history."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, HeaderButton

from dangbo.core import audit
from dangbo.core.views.access import ScopedObjectMixin


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    """The record's page. Subclasses add what belongs to it (posts, events, history)."""

    history_url_name = None
    # (URL name, ScopedActionView subclass) of the viewset's `action_views`: a button each.
    record_actions = ()

    def get_object(self, queryset=None):
        return self.get_scoped_object(self.pk)

    def get_edit_url(self):
        if self.edit_url_name and self.can_change(self.object):
            return reverse(self.edit_url_name, args=(quote(self.object.pk),))

    def get_delete_url(self):
        return None

    def get_page_title(self):
        return capfirst(self.model._meta.verbose_name)

    def get_field_display_value(self, field_name, field):
        """An empty value reads "—" (Wagtail would print "None" for a null number or date)."""
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value

    @cached_property
    def header_buttons(self):
        buttons = []
        if edit_url := self.get_edit_url():
            buttons.append(HeaderButton(_("Edit"), url=edit_url, icon_name="edit"))
        for view_class, url in self.offered_actions:
            if view_class.in_header:
                buttons.append(
                    HeaderButton(
                        view_class.button_label(), url=url, icon_name=view_class.button_icon
                    )
                )
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = []
        if self.history_url_name:
            url = reverse(self.history_url_name, args=(quote(self.object.pk),))
            buttons.append(Button(_("History"), url=url, icon_name="history", priority=40))
        return buttons + list(self.get_action_buttons()) + list(self.get_extra_header_buttons())

    @cached_property
    def offered_actions(self) -> list[tuple[type, str]]:
        """(view class, URL) of each of the viewset's actions this user may run on the record
        as it is now."""
        return [
            (view_class, reverse(url_name, args=(quote(self.object.pk),)))
            for url_name, view_class in self.record_actions
            if view_class.offered(self.permission_policy, self.request.user, self.object)
        ]

    def get_action_buttons(self):
        for view_class, url in self.offered_actions:
            if not view_class.in_header:
                yield Button(
                    view_class.button_label(),
                    url=url,
                    icon_name=view_class.button_icon,
                    priority=view_class.button_priority,
                )

    def get_extra_header_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["audit_entries"] = audit.with_creation_values(
            audit.history(self.object)[:20], self.object
        )
        context["can_change"] = self.can_change(self.object)
        return context
