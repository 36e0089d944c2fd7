"""Permissions by their names in the reader's language. Django stores the names of its
default permissions in English ("Can add group") and Wagtail's group screen shows them as
stored (issue 8 item 9: no English on the operator's screens either)."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext, gettext_lazy

register = template.Library()

DEFAULT_ACTIONS = {
    "add": gettext_lazy("Can add %(model)s"),
    "change": gettext_lazy("Can change %(model)s"),
    "delete": gettext_lazy("Can delete %(model)s"),
    "view": gettext_lazy("Can view %(model)s"),
}


@register.filter
def permission_name(permission) -> str:
    """A default permission (add, change, delete, view) from its model's translated name;
    any other by its name, translated where a catalogue has it (Wagtail's own have)."""
    if permission is None:
        return ""
    action, _sep, model_name = permission.codename.partition("_")
    model = ContentType.objects.get_for_id(permission.content_type_id).model_class()
    if action in DEFAULT_ACTIONS and model is not None and model._meta.model_name == model_name:
        return DEFAULT_ACTIONS[action] % {"model": model._meta.verbose_name}
    return gettext(permission.name)
