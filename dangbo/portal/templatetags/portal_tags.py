from django import template

from dangbo.portal.selectors import portal_site as _portal_site

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_site(context):
    """`{% portal_site as portal %}`: the request's sub-site (settings, home, categories)."""
    return _portal_site(context["request"])
