from django.utils.text import slugify

from dangbo.core.text import fold

SLUG_MAX = 80


def page_slug(title: str) -> str:
    """An address part from a Vietnamese title: "Tin hoạt động" -> "tin-hoat-dong"."""
    slug = slugify(fold(title))[:SLUG_MAX].strip("-")
    return slug or "trang"
