"""ScopedViewSet: a Wagtail ModelViewSet scoped by the tree, writing through services.

Each view reads through the model's policy (access.py), saves through a service (forms.py),
and the record actions a viewset declares (`action_views`, actions.py) get their URL, their
button on the record's page and, when asked, in each row of the listing.
"""

from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.viewsets.model import ModelViewSet

from dangbo.core.views.forms import ScopedCreateView, ScopedEditView
from dangbo.core.views.history import ScopedHistoryView
from dangbo.core.views.index import ScopedIndexView
from dangbo.core.views.inspect import ScopedInspectView
from dangbo.org.policy import policy_for

# model → the URL name of its page, filled as the viewsets register (record links).
_INSPECT_URL_NAMES: dict[type, str] = {}


def inspect_url_name(model) -> str | None:
    return _INSPECT_URL_NAMES.get(model)


class ScopedViewSet(ModelViewSet):
    """A ModelViewSet whose every view is scoped by the tree and writes through services.

    What a user may see and do is the model's registered policy (`<app>/permissions.py`).
    There is no delete, copy or usage view: records are ended, never deleted.
    """

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    # URL name → ScopedActionView subclass: `<name>/<pk>/` (or its `url_path`), with its
    # buttons (actions.py).
    action_views: dict = {}
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    edit_enabled = True

    @cached_property
    def permission_policy(self):
        # The model's policy from its app's permissions.py, as Wagtail registers it.
        return policy_for(self.model)

    def on_register(self):
        super().on_register()
        _INSPECT_URL_NAMES[self.model] = self.get_url_name("inspect")

    def register_permissions(self):
        # Users hold no Django model permissions (RoleBackend): the registered policy is the
        # only source, so there are no model permissions to offer on the group screens.
        pass

    @property
    def url_finder_class(self):
        # The link Wagtail puts on a record elsewhere (the site history report, the
        # dashboard): its edit page, or its own page when the record is never edited in
        # place (posts, events, rounds), for whoever may change it.
        finder = super().url_finder_class
        if not self.edit_enabled:
            finder.edit_url_name = self.get_url_name("inspect")
        return finder

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["delete_url_name"] = None
        view_kwargs["usage_url_name"] = None
        if not self.edit_enabled:
            view_kwargs["edit_url_name"] = None
        return view_kwargs

    @property
    def record_actions(self) -> list[tuple[str, type]]:
        return [(self.get_url_name(name), view) for name, view in self.action_views.items()]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(record_actions=self.record_actions, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            history_url_name=self.get_url_name("history"),
            record_actions=self.record_actions,
            **kwargs,
        )

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(inspect_url_name=self.get_url_name("inspect"), **kwargs)

    def action_view(self, view_class):
        return self.construct_view(
            view_class,
            model=self.model,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
            # An action's own icon (a decision's tick), else the viewset's.
            header_icon=view_class.header_icon or self.icon,
        )

    def get_urlpatterns(self):
        dropped = {"delete", "usage", "copy"}
        if not self.edit_enabled:
            dropped.add("edit")
        patterns = [p for p in super().get_urlpatterns() if p.name not in dropped]
        for name, view_class in self.action_views.items():
            address = f"{view_class.url_path or name}/<int:pk>/"
            patterns.append(path(address, self.action_view(view_class), name=name))
        return patterns
