"""Links to records that open for the reader, or their name alone (docs/roles.md: a page shows
no link that would answer 404 for the user reading it)."""

from django import template
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import format_html

from dangbo.core.views import inspect_url_name
from dangbo.org.policy import policy_for

register = template.Library()


@register.simple_tag(takes_context=True)
def record_link(context, record, label=None):
    """`label` (the record's name by default) linked to the record's page if the user may
    open it; checked once per record and page."""
    if record is None:
        return "—"
    label = str(record) if label is None else label
    seen = context.render_context.setdefault("dangbo_links", {})
    key = (type(record), record.pk)
    if key not in seen:
        user = context["request"].user
        name = inspect_url_name(type(record))
        opens = bool(name) and policy_for(record).visible(user).filter(pk=record.pk).exists()
        seen[key] = reverse(name, args=(quote(record.pk),)) if opens else None
    url = seen[key]
    return format_html('<a href="{}">{}</a>', url, label) if url else format_html("{}", label)
