"""Create and edit views that save through a service and show its problems on the form."""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic

from dangbo.core import audit
from dangbo.core.errors import ConflictError, InputError, Problem
from dangbo.core.views.access import ScopedObjectMixin


def add_problems(form: forms.Form, problems: list[Problem]) -> None:
    """Put each service problem on its form field, or above the form when it has none."""
    for problem in problems:
        field = problem.field if problem.field in form.fields else None
        if field and form.fields[field].disabled:
            field = None
        form.add_error(field, problem.message)


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
