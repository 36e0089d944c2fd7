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


@register.simple_tag(takes_context=True)
def prime_record_links(context, *groups):
    """Check at once whether the user may open each record of `groups` (lists of records),
    one query per kind of record, so that the `record_link`s of a long page that follow in
    the same template cost nothing more. Renders nothing."""
    seen = context.render_context.setdefault("dangbo_links", {})
    by_model: dict[type, set] = {}
    for group in groups:
        for record in group or ():
            if record is not None and (type(record), record.pk) not in seen:
                by_model.setdefault(type(record), set()).add(record.pk)
    user = context["request"].user
    for model, pks in by_model.items():
        name = inspect_url_name(model)
        opens = set()
        if name:
            opens = set(
                policy_for(model).visible(user).filter(pk__in=pks).values_list("pk", flat=True)
            )
        for pk in pks:
            seen[(model, pk)] = reverse(name, args=(quote(pk),)) if pk in opens else None
    return ""
