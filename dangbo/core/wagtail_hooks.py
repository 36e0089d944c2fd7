"""Our audit actions in Wagtail's log registry, so every History screen can read them."""

import datetime
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.log_actions import LogFormatter

from dangbo.core import audit

SOURCES = {
    audit.SOURCE_SCREEN: gettext_lazy("on screen"),
    audit.SOURCE_IMPORT: gettext_lazy("by import"),
    audit.SOURCE_COMMAND: gettext_lazy("by command"),
    audit.SOURCE_API: gettext_lazy("through the API"),
}


def _field(model, attname):
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field
    try:
        return model._meta.get_field(attname)
    except FieldDoesNotExist:
        return None


def _blank(value) -> bool:
    return value is None or value == "" or value == []


def _show(field, value) -> str:
    if _blank(value):
        return "—"
    if field is not None and field.many_to_one:
        # Audit entries keep ids; a reader wants the record's name.
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.JSONField):
        # A stored snapshot (a list's rows): its size, not its keys and codes; the record's
        # own page shows it in words.
        count = len(value) if isinstance(value, list | dict) else 1
        return ngettext("%(count)d entry", "%(count)d entries", count) % {"count": count}
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "d/m/Y H:i")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date_format(datetime.date.fromisoformat(value), "d/m/Y")
        except ValueError:
            pass
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(field, models.DecimalField | models.FloatField):
        # Audit entries keep "85.50"; a Vietnamese reader writes 85,50.
        try:
            return number_format(Decimal(str(value)), use_l10n=True)
        except InvalidOperation:
            pass
    return str(value)


def describe_changes(log_entry) -> str:
    """ "name: Xã A → Xã B; valid to: — → 30/06/2025", labels in the user's language."""
    data = log_entry.data or {}
    if data.get("model"):  # a bulk creation: the entry is on the import, the values on records
        model = apps.get_model(data["model"])
    else:
        model = log_entry.content_type.model_class() if log_entry.content_type_id else None
    parts = []
    for attname, (before, after) in (data.get("changes") or {}).items():
        if _blank(before) and _blank(after):
            continue
        field = _field(model, attname)
        label = str(field.verbose_name) if field is not None else attname
        parts.append(
            _("%(field)s: %(before)s → %(after)s")
            % {"field": label, "before": _show(field, before), "after": _show(field, after)}
        )
    return "; ".join(parts)


class AuditFormatter(LogFormatter):
    verb = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = _("%(action)s %(source)s") % {
            "action": self.verb,
            "source": SOURCES.get(data.get("source"), data.get("source") or ""),
        }
        changes = describe_changes(log_entry)
        if changes:
            message = _("%(message)s: %(changes)s") % {"message": message, "changes": changes}
        if data.get("note"):
            message += f" ({data['note']})"
        return message


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    @actions.register_action(audit.CREATE)
    class Created(AuditFormatter):
        label = gettext_lazy("Create")
        verb = gettext_lazy("Created")

    @actions.register_action(audit.UPDATE)
    class Updated(AuditFormatter):
        label = gettext_lazy("Change")
        verb = gettext_lazy("Changed")

    @actions.register_action(audit.BULK_CREATE)
    class BulkCreated(AuditFormatter):
        label = gettext_lazy("Create in bulk")
        verb = gettext_lazy("Created")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            values = {
                "count": number_format(data.get("count", 0), force_grouping=True),
                "file": data.get("file") or log_entry.label,
            }
            if "after" in data:
                # A record's history (audit.with_creation_values): its own creation first.
                return _("%(message)s (one of %(count)s records created from %(file)s)") % {
                    "message": super().format_message(log_entry),
                    **values,
                }
            model = apps.get_model(data["model"])
            return _("Created %(count)s %(records)s %(source)s from %(file)s") % {
                "records": model._meta.verbose_name_plural,
                "source": SOURCES.get(data.get("source"), data.get("source") or ""),
                **values,
            }

    @actions.register_action(audit.END)
    class Ended(AuditFormatter):
        label = gettext_lazy("End")
        verb = gettext_lazy("Ended")


@hooks.register("insert_global_admin_js")
def picker_without_inline_script():
    """Starts Wagtail's date pickers from data attributes (no inline script: CSP)."""
    return format_html('<script src="{}"></script>', versioned_static("dangbo/js/widgets.js"))


@hooks.register("construct_help_menu")
def drop_wagtail_guides(request, menu_items):
    """Wagtail's English guides and release notes are not this product's help (its own guides
    are in docs/); the keyboard shortcuts stay."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]


capfirst_lazy = lazy(capfirst, str)


def _name_wagtail_fields():
    """Labels Wagtail derives from field names stay English whatever the language (issue 8
    item 9): the Sites list's "Port", "Site name", "Root page" columns, and the "Page" field
    of a workflow's pages and of a group's page permissions (read aloud). They get the
    fields' own translated names instead."""
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Site
    from wagtail.sites.views import IndexView
    from wagtail.users.forms import PagePermissionsForm

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst_lazy(Site._meta.get_field(column.name).verbose_name)
    for form in (WorkflowPageForm, PagePermissionsForm):
        form.base_fields["page"].label = gettext_lazy("Page")


_name_wagtail_fields()
