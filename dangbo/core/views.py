"""Shared pieces of the back-office viewsets: tree-scoped permissions and service-backed forms.

Every screen reads through a selector that takes the user and writes through a service, so
the rules live in one place (ARCHITECTURE §2, §3). Wagtail's generic views read
`Model.objects` and write with their own actions; the mixins here replace exactly those
parts and keep the rest (listing, filters, export, breadcrumbs, history).
"""

import datetime

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.admin.widgets.button import Button, HeaderButton

from dangbo.core import audit
from dangbo.core.dates import INPUT_FORMATS, vn_date_or_dash
from dangbo.core.errors import ConflictError, InputError, Problem
from dangbo.core.export import SafeExportMixin
from dangbo.core.text import fold
from dangbo.org.policy import policy_for

VIEW = "view"


class DayField(forms.DateField):
    """A date typed or picked as dd/mm/yyyy (ISO accepted too, for pasted values)."""

    widget = AdminDateInput(format="%d/%m/%Y")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", INPUT_FORMATS)
        super().__init__(**kwargs)


def add_problems(form: forms.Form, problems: list[Problem]) -> None:
    """Put each service problem on its form field, or above the form when it has none."""
    for problem in problems:
        field = problem.field if problem.field in form.fields else None
        if field and form.fields[field].disabled:
            field = None
        form.add_error(field, problem.message)


class ScopedObjectMixin:
    """Reads the record through the policy's selector: outside the scope is a 404.

    A role the policy does not let VIEW these records finds no screen of them (404, not
    Wagtail's redirect to the dashboard): docs/roles.md.
    """

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.may(request.user, VIEW):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def scoped_queryset(self) -> QuerySet:
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, [VIEW]
        )

    def get_scoped_object(self, pk):
        return get_object_or_404(self.scoped_queryset(), pk=unquote(str(pk)))

    def can_change(self, instance) -> bool:
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        )

    def require_change(self, instance):
        if not self.can_change(instance):
            raise PermissionDenied


class ScopedIndexView(ScopedObjectMixin, SafeExportMixin, generic.IndexView):
    """A listing of only what the user may see; names link to the record's page."""

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
    # An "End" action in each row of a record still running (its `end_field` empty).
    end_url_name = None
    end_label = gettext_lazy("End")
    end_field = "end_date"

    def search_queryset(self, queryset):
        if not (self.is_searching and self.folded_search_field):
            return super().search_queryset(queryset)
        for word in fold(self.search_query).split():
            queryset = queryset.filter(**{f"{self.folded_search_field}__contains": word})
        return queryset

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return buttons + list(self.get_extra_list_buttons(instance))

    def get_extra_list_buttons(self, instance):
        if (
            self.end_url_name
            and getattr(instance, self.end_field) is None
            and self.can_change(instance)
        ):
            url = reverse(self.end_url_name, args=(quote(instance.pk),))
            yield MenuItem(self.end_label, url=url, icon_name="calendar", priority=25)


# A change to an existing record must say which version of it the editor saw: without one
# it could silently overwrite a change made since (a form posted by a script, an old tab).
MISSING_VERSION = gettext_lazy(
    "This record's version is missing from the form, so the change could overwrite someone "
    "else's. Open the page again, then make your change."
)


class ServiceFormMixin(ScopedObjectMixin):
    """Saves through a service instead of Wagtail's create/edit actions.

    Wagtail's actions would save the instance and log their own "wagtail.create/edit"
    entries; our services validate, save and audit in one transaction instead, and their
    InputError problems are shown on the form.
    """

    # Edits of an existing record refuse a form without `record_version` (see MISSING_VERSION).
    requires_version = False

    def save_instance(self):
        raise NotImplementedError

    @property
    def expected_version(self) -> str | None:
        """The record's version when the editor opened it (see `audit.ensure_unchanged`)."""
        return self.request.POST.get("record_version") or None

    def form_valid(self, form):
        self.form = form
        if self.requires_version and not self.expected_version:
            form.add_error(None, MISSING_VERSION)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        try:
            self.object = self.save_instance()
        except InputError as error:
            add_problems(form, error.problems)
        except ConflictError as error:
            form.add_error(None, str(error))
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        else:
            response = self.save_action()
            hook_response = self.run_after_hook()
            return hook_response if hook_response is not None else response
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)

    def get_success_url(self):
        if self.inspect_url_name:
            return reverse(self.inspect_url_name, args=(quote(self.object.pk),))
        return super().get_success_url()


class ScopedCreateView(ServiceFormMixin, generic.CreateView):
    inspect_url_name = None
    produced_error_message = None

    def visible_from_url(self, param: str, visible: QuerySet):
        """The record `?param=<id>` names for the form to start from ("Add post" on a
        person's page), if `visible` (the user's selector) holds it; else None."""
        pk = self.request.GET.get(param)
        return visible.filter(pk=pk).first() if pk and pk.isdigit() else None

    def get_success_buttons(self):
        if self.edit_url_name and self.can_change(self.object):
            return super().get_success_buttons()
        return []


class ScopedEditView(ServiceFormMixin, generic.EditView):
    produced_error_message = None
    template_name = "dangbo/edit.html"
    requires_version = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A re-shown form keeps the version first opened, so a conflict is not forgotten;
        # one posted without a version stays without, until the page is opened again.
        if self.request.method == "POST":
            context["record_version"] = self.expected_version or ""
        else:
            context["record_version"] = audit.fingerprint(self.object)
        return context

    def get_object(self, queryset=None):
        instance = self.get_scoped_object(self.object_pk)
        self.require_change(instance)
        return instance

    def get_delete_url(self):
        return None

    @cached_property
    def can_delete(self):
        return False


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    """The record's page. Subclasses add what belongs to it (posts, events, history)."""

    history_url_name = None

    def get_object(self, queryset=None):
        return self.get_scoped_object(self.pk)

    def get_edit_url(self):
        if self.edit_url_name and self.can_change(self.object):
            return reverse(self.edit_url_name, args=(quote(self.object.pk),))

    def get_delete_url(self):
        return None

    def get_page_title(self):
        return capfirst(self.model._meta.verbose_name)

    @cached_property
    def header_buttons(self):
        if edit_url := self.get_edit_url():
            return [HeaderButton(_("Edit"), url=edit_url, icon_name="edit")]
        return []

    @cached_property
    def header_more_buttons(self):
        buttons = []
        if self.history_url_name:
            url = reverse(self.history_url_name, args=(quote(self.object.pk),))
            buttons.append(Button(_("History"), url=url, icon_name="history", priority=40))
        return buttons + list(self.get_extra_header_buttons())

    def get_extra_header_buttons(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["audit_entries"] = audit.with_creation_values(
            audit.history(self.object)[:20], self.object
        )
        context["can_change"] = self.can_change(self.object)
        return context


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
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
            for c in history.HistoryView.columns.func(self)
        ]

    @cached_property
    def header_buttons(self):
        if self.edit_url_name and self.can_change(self.object):
            return super().header_buttons
        return []


class EndForm(forms.Form):
    end_date = DayField(label=gettext_lazy("Last day"))
    record_version = forms.CharField(widget=forms.HiddenInput, required=False)


class EndView(ScopedObjectMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Ends a record on a date through `end` (a service); records are never deleted."""

    model = None
    permission_required = "change"
    form_class = EndForm
    template_name = "dangbo/end.html"
    page_title = gettext_lazy("End")
    index_url_name = None
    inspect_url_name = None
    header_icon = ""
    intro = ""
    success_message = gettext_lazy("'%(object)s' ended on %(day)s.")

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_scoped_object(kwargs["pk"])
        self.require_change(self.object)
        return super().dispatch(request, *args, **kwargs)

    def end(self, instance, last_day, expected_version):
        raise NotImplementedError

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append(
                {
                    "url": reverse(self.index_url_name),
                    "label": capfirst(self.model._meta.verbose_name_plural),
                }
            )
        items.append({"url": self.inspect_url(), "label": str(self.object)})
        items.append({"url": "", "label": self.get_page_title()})
        return self.breadcrumbs_items + items

    def inspect_url(self):
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def get_initial(self):
        return {"record_version": audit.fingerprint(self.object)}

    def form_valid(self, form):
        last_day = form.cleaned_data["end_date"]
        version = form.cleaned_data.get("record_version") or None
        if not version:
            form.add_error(None, MISSING_VERSION)
            return self.form_invalid(form)
        try:
            self.end(self.object, last_day, version)
        except InputError as error:
            add_problems(form, error.problems)
            return self.form_invalid(form)
        except ConflictError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(
            self.request,
            self.success_message % {"object": self.object, "day": vn_date_or_dash(last_day)},
        )
        return redirect(self.inspect_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["intro"] = self.intro
        context["cancel_url"] = self.inspect_url()
        return context


class DayColumn(Column):
    """A date column written dd/mm/yyyy (Wagtail's DateColumn says "3 days ago")."""

    def get_value(self, instance):
        return vn_date_or_dash(super().get_value(instance))


class TimeColumn(Column):
    """A moment written dd/mm/yyyy HH:MM in local time (Asia/Ho_Chi_Minh)."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else "—"


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
    end_view_class = None
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

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            history_url_name=self.get_url_name("history"), **kwargs
        )

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(inspect_url_name=self.get_url_name("inspect"), **kwargs)

    @property
    def end_view(self):
        return self.construct_view(
            self.end_view_class,
            model=self.model,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
            header_icon=self.icon,
        )

    def get_urlpatterns(self):
        dropped = {"delete", "usage", "copy"}
        if not self.edit_enabled:
            dropped.add("edit")
        patterns = [p for p in super().get_urlpatterns() if p.name not in dropped]
        if self.end_view_class:
            patterns.append(path("end/<int:pk>/", self.end_view, name="end"))
        return patterns
