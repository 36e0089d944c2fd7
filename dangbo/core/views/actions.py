"""Record actions (end, note progress, approve…): one declarative view for them all.

A record action is a small form on its own page, run on one record: "End" a unit on a day,
"Note progress" of a help plan, "Approve" a round. Each of them does the same things, in
this order, and ScopedActionView does them so that a subclass only says what is its own:

1. the record is looked up in the user's scope (the model's policy, `visible(user)`):
   outside it, 404 — a crafted URL learns nothing;
2. the policy right (`right`: CHANGE, or DECIDE for an approval) is checked on the record's
   units (`permission_policy.user_has_permission_for_instance`): without it, 403;
3. the action must apply to the record as it is (`applies_to`: not already ended, still
   waiting for approval…): its buttons are shown only then, and opening its page otherwise
   sends the user back to the record with a message. A post is judged by the service
   (step 5), which sees the version: a record ended by someone else since the form was
   opened is a conflict, said as such, and nothing is written;
4. the form (`form_class`, a subclass of ActionForm) is shown with the record's version;
   a post without the version is refused (MISSING_VERSION), so it cannot overwrite a
   change made since the page was opened;
5. the app's service is called with the form's values and `expected_version`: declared as
   `service` (the function), `record_arg` (its keyword for the record) and `service_fields`
   (the form's fields it takes), or written as `perform`. The service checks the rules,
   requires the right again (`policy.require`) and writes the audit entry in the same
   transaction (ARCHITECTURE §2-3). Its InputError problems go on the form's fields, a
   ConflictError above the form, a PermissionError is a 403;
6. on success: a message (`success_message`) and a redirect to the record's page;
   breadcrumbs are list › record › action.

A viewset declares its actions by URL name (`ScopedViewSet.action_views = {"end":
UnitEndView}`); each gets `<name>/<pk>/`, a button on the record's page (under "More", or
in the header beside "Edit" when `in_header`) and, when `in_listing`, an entry in each
row's menu, shown only where `offered` (right and `applies_to`) says the action can be run.

StageActionView is the action that moves a record from one stage to the next (a plan's or
a round's approval, sending back, submitting): it applies while the record's status is one
of `from_statuses`, and says the status when it does not.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dangbo.core import audit
from dangbo.core.dates import vn_date_or_dash
from dangbo.core.errors import ConflictError, InputError
from dangbo.core.views.access import ScopedObjectMixin
from dangbo.core.views.fields import DayField
from dangbo.core.views.forms import MISSING_VERSION, add_problems
from dangbo.org.policy import CHANGE, policy_for


class ActionForm(forms.Form):
    """The base of an action's form: the version of the record the user saw."""

    record_version = forms.CharField(widget=forms.HiddenInput, required=False)


class ScopedActionView(ScopedObjectMixin, WagtailAdminTemplateMixin, FormView):
    """An action on one record, in the user's scope, through a service (module docstring)."""

    model = None
    right = CHANGE
    form_class = ActionForm
    template_name = "dangbo/action.html"
    page_title = ""
    submit_label = gettext_lazy("Save")
    intro = ""
    success_message = gettext_lazy("'%(object)s' saved.")
    not_applicable_message = gettext_lazy("This action does not apply to '%(object)s' now.")
    index_url_name = None
    inspect_url_name = None
    header_icon = ""
    # The page's address, `<url_path>/<pk>/` under the viewset's (its URL name when empty).
    url_path = ""
    # The app's service, when the action is one call of it (else write `perform`):
    # service(actor=user, <record_arg>=record, expected_version=…, <service_fields>…).
    service = None
    record_arg = None
    # The form's fields the service takes: names, or {form field: the service's keyword}.
    service_fields: tuple | dict = ()
    # The button on the record's page and (when in_listing) in each row's menu: its label
    # (the page's title when empty), icon and place under "More" (a header button, beside
    # "Edit", when in_header: Wagtail orders those by label).
    button_text = ""
    button_icon = "edit"
    button_priority = 30
    in_header = False
    in_listing = False
    # A post without the record's version is refused, and the service is given the version
    # (services that take none: False).
    requires_version = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # A service named on the class is the app's function, not a method of the view.
        service = cls.__dict__.get("service")
        if service is not None and not isinstance(service, staticmethod):
            cls.service = staticmethod(service)

    @cached_property
    def permission_policy(self):
        # The model's registered policy (`<app>/permissions.py`). The record's own check
        # (`allowed`) is the right's check, with no separate model-wide one.
        return policy_for(self.model)

    # --- what a subclass says -------------------------------------------------------------

    @classmethod
    def applies_to(cls, instance) -> bool:
        """Can the action be run on the record as it is now (not ended yet, waiting…)?"""
        return True

    def perform(self, instance, data: dict, expected_version: str | None):
        """Run the app's service; InputError, ConflictError and PermissionError are shown."""
        if self.service is None or not self.record_arg:
            raise ImproperlyConfigured(f"{type(self).__name__}: declare `service` and `record_arg`")
        arguments = {self.record_arg: instance, **self.service_arguments(data)}
        if self.requires_version:
            arguments["expected_version"] = expected_version
        self.service(actor=self.request.user, **arguments)

    def service_arguments(self, data: dict) -> dict:
        fields = self.service_fields
        pairs = fields.items() if isinstance(fields, dict) else ((f, f) for f in fields)
        return {argument: data.get(field) for field, argument in pairs}

    def get_success_message(self, instance, data: dict) -> str:
        return self.success_message % {"object": instance}

    def get_not_applicable_message(self, instance) -> str:
        return self.not_applicable_message % {"object": instance}

    # --- the steps ------------------------------------------------------------------------

    @classmethod
    def allowed(cls, policy, user, instance) -> bool:
        """May the user run the action on the record? The policy's `right` on its units;
        an action whose right is not a plain policy right (a helper body's progress note:
        `assessment.services.may_note_progress`) overrides this."""
        return policy.user_has_permission_for_instance(user, cls.right, instance)

    @classmethod
    def offered(cls, policy, user, instance) -> bool:
        """Is the action's button shown for this record to this user?"""
        return cls.applies_to(instance) and cls.allowed(policy, user, instance)

    @classmethod
    def button_label(cls) -> str:
        return cls.button_text or cls.page_title

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_scoped_object(kwargs["pk"])
        if not self.allowed(self.permission_policy, request.user, self.object):
            raise PermissionDenied
        if request.method == "GET" and not self.applies_to(self.object):
            messages.warning(request, self.get_not_applicable_message(self.object))
            return redirect(self.inspect_url())
        return super().dispatch(request, *args, **kwargs)

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

    def get_success_url(self):
        return self.inspect_url()

    def get_initial(self):
        return {**super().get_initial(), "record_version": audit.fingerprint(self.object)}

    def form_valid(self, form):
        data = form.cleaned_data
        version = data.get("record_version") or None
        if self.requires_version and not version:
            form.add_error(None, MISSING_VERSION)
            return self.form_invalid(form)
        try:
            self.perform(self.object, data, version)
        except InputError as error:
            add_problems(form, error.problems)
            return self.form_invalid(form)
        except ConflictError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(self.request, self.get_success_message(self.object, data))
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            intro=self.intro,
            submit_label=self.submit_label,
            cancel_url=self.inspect_url(),
            # False on a form posted after the record moved on (its service said why).
            applies=self.applies_to(self.object),
        )
        return context


class EndForm(ActionForm):
    end_date = DayField(label=gettext_lazy("Last day"))


class EndView(ScopedActionView):
    """Ends a record on a date through `end` (a service); records are never deleted."""

    form_class = EndForm
    template_name = "dangbo/end.html"
    page_title = gettext_lazy("End")
    submit_label = gettext_lazy("End")
    success_message = gettext_lazy("'%(object)s' ended on %(day)s.")
    not_applicable_message = gettext_lazy("'%(object)s' has already ended.")
    button_icon = "calendar"
    button_priority = 35
    in_listing = True
    # The record's last-day field: the action applies while it is empty (None: always).
    end_field = None
    # The last day goes to the service as `end_date` (a `service` declared), or to `end`.
    service_fields = ("end_date",)

    @classmethod
    def applies_to(cls, instance) -> bool:
        return cls.end_field is None or getattr(instance, cls.end_field) is None

    def end(self, instance, last_day, expected_version):
        raise NotImplementedError

    def perform(self, instance, data, expected_version):
        if self.service is None:
            self.end(instance, data["end_date"], expected_version)
        else:
            super().perform(instance, data, expected_version)

    def get_success_message(self, instance, data):
        return self.success_message % {
            "object": instance,
            "day": vn_date_or_dash(data["end_date"]),
        }


class StageActionView(ScopedActionView):
    """A record's move from one stage to the next (submit, approve, send back), through one
    service call: it applies while the record's `status_field` is one of `from_statuses`
    (any, when empty). Opened at another stage, the page sends the user back to the record
    with `not_applicable_message`, which may name the record (`%(object)s`) and its stage
    (`%(status)s`); a post at another stage is judged by the service."""

    status_field = "status"
    from_statuses: tuple = ()
    header_icon = button_icon = "tick"

    @classmethod
    def applies_to(cls, instance) -> bool:
        return not cls.from_statuses or getattr(instance, cls.status_field) in cls.from_statuses

    def get_not_applicable_message(self, instance) -> str:
        status = getattr(instance, f"get_{self.status_field}_display")()
        return self.not_applicable_message % {"object": instance, "status": status}
