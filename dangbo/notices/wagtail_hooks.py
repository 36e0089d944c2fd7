"""The notices in the back office: a bell with the unread count in the menu of every page,
the list and preference screens, and how an expiry reads in a case's history."""

from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.log_actions import LogFormatter

from dangbo.notices import selectors, services, views


@hooks.register("register_admin_urls")
def register_notice_urls():
    return [
        path("notices/", views.NoticeIndexView.as_view(), name="notices_index"),
        path("notices/read-all/", views.mark_all_read, name="notices_mark_all_read"),
        path("notices/<int:pk>/read/", views.mark_read, name="notices_mark_read"),
        path("notices/email/", views.PreferenceView.as_view(), name="notices_preferences"),
    ]


@hooks.register("register_icons")
def register_bell_icon(icons):
    return [*icons, "notices/icons/bell.svg"]


class NoticeMenuItem(MenuItem):
    """The bell: "Thông báo (3)" on every page of the back office, rendered with the page
    (the count is read for the request's user)."""

    def is_shown(self, request):
        return getattr(request.user, "pk", None) is not None

    def render_component(self, request):
        count = selectors.unread_count(user=request.user)
        label = _("Notices (%(count)d)") % {"count": count} if count else str(self.label)
        attrs = {**self.attrs, "data-dangbo-unread": str(count)}
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=attrs,
        )


@hooks.register("register_admin_menu_item")
def register_notice_menu_item():
    return NoticeMenuItem(
        gettext_lazy("Notices"),
        reverse("notices_index"),
        name="notices",
        icon_name="bell",
        order=40,
    )


@hooks.register("register_log_actions")
def register_expiry_action(actions):
    @actions.register_action(services.EXPIRED)
    class Expired(LogFormatter):
        label = gettext_lazy("Automatic expiry")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            day = data.get("expires_on")
            from datetime import date

            shown = date_format(date.fromisoformat(day), "d/m/Y") if day else "—"
            message = _("The decision expired automatically on %(day)s") % {"day": shown}
            if data.get("rule"):
                message += f" ({data['rule']})"
            return message
