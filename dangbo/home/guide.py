"""The user guides in the back office: docs/guide/*.md as pages.

Markdown (Python-Markdown) becomes HTML, which nh3 cleans (only the tags and attributes a
guide needs; links and images rewritten to the guide's own URLs); images are served from
docs/guide/img by name only — a name is looked up among the files listed there, never
joined to a path the request chose.
"""

import re
from functools import lru_cache
from pathlib import Path

import markdown
import nh3
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dangbo.accounts.models import UserRole
from dangbo.org import scope

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
GUIDES = DOCS / "guide"
IMAGES = GUIDES / "img"

# Each role's guide (docs/guide/<slug>.md), first in its help menu; the operator's last key.
ROLE_GUIDES = {
    UserRole.ORGANIZATION_OFFICE: "ban-to-chuc",
    UserRole.STANDING_COMMITTEE: "ban-thuong-vu",
    UserRole.COMMITTEE_MEMBER: "uy-vien",
    UserRole.INSPECTION: "uy-ban-kiem-tra",
    UserRole.HELPER_BODY: "co-quan-giup-do",
    UserRole.GRASSROOTS_SECRETARY: "bi-thu-co-so",
    UserRole.EDITOR: "bien-tap-vien",
    UserRole.PORTAL_APPROVER: "bien-tap-vien",
}
OPERATOR_GUIDE = "quan-tri"
# A province office (a grant on a unit without a parent) reads its own guide first too.
PROVINCE_GUIDE = "ban-to-chuc-tinh"

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_IMAGE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}\.png$")
_MD_LINK = re.compile(r"^(?:\./)?([a-z0-9][a-z0-9-]*)\.md(#[\w-]*)?$")

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "*": {"id"}}


def guide_files() -> dict[str, Path]:
    """slug -> file of every guide there is (the only paths a request can reach)."""
    files = {}
    if GUIDES.is_dir():
        for path in sorted(GUIDES.glob("*.md")):
            if _SLUG.match(path.stem):
                files[path.stem] = path
    # docs/user-guide.md (every screen, Vietnamese with English beside) is the reference in
    # the repository; the back office serves the role guides, in Vietnamese only.
    return files


def _rewrite(element, attribute, value):
    """Links and images of a guide, pointed at the guide's URLs; anything else outside the
    guide is dropped unless it is a web address."""
    if attribute == "src":
        name = value.removeprefix("./").removeprefix("guide/").removeprefix("img/")
        if _IMAGE.match(name) and value.rstrip("/").endswith(name):
            return reverse("home_guide_image", args=[name])
        return None
    if attribute == "href":
        if value.startswith(("https://", "http://", "#", "mailto:")):
            return value
        link = _MD_LINK.match(value.removeprefix("guide/").removeprefix("../"))
        if link and link.group(1) in guide_files():
            return reverse("home_guide", args=[link.group(1)]) + (link.group(2) or "")
        if value.startswith("/admin/"):
            return value
        return None
    return value


@lru_cache(maxsize=64)
def _render(path: Path, mtime: float) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    html = markdown.markdown(text, extensions=["tables", "sane_lists", "toc"])
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_rewrite,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), "")
    return clean, title


def render_guide(slug: str) -> tuple[str, str]:
    """(sanitised HTML, title) of the guide `slug`; Http404 if there is none."""
    path = guide_files().get(slug)
    if path is None:
        raise Http404
    return _render(path, path.stat().st_mtime)


def guide_image(request, name: str):
    if not scope.has_access(request.user):
        raise Http404
    if not _IMAGE.match(name):
        raise Http404
    files = {p.name: p for p in IMAGES.glob("*.png")} if IMAGES.is_dir() else {}
    if name not in files:
        raise Http404
    response = FileResponse(files[name].open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    """A guide as a back-office page (docs/guide/index.md without a slug)."""

    header_icon = "help"
    template_name = "home/guide.html"

    def dispatch(self, request, *args, **kwargs):
        self.slug = kwargs.get("slug") or "index"
        self.html, self.title = render_guide(self.slug)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.title or _("User guide")

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.slug != "index":
            items.append({"url": reverse("home_guide_index"), "label": _("User guides")})
        return [*items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["guide"] = mark_safe(self.html)  # noqa: S308 (cleaned by nh3 above)
        return context


def guides_for(user) -> list[str]:
    """The slugs of the user's own guides, their first role's first."""
    slugs = []
    if scope.is_unrestricted(user):
        slugs.append(OPERATOR_GUIDE)
    for reach in scope.reaches(user):
        if reach.role == UserRole.ORGANIZATION_OFFICE and reach.path.count("/") == 2:
            slugs.append(PROVINCE_GUIDE)
        slug = ROLE_GUIDES.get(reach.role)
        if slug:
            slugs.append(slug)
    available = guide_files()
    return [s for s in dict.fromkeys(slugs) if s in available]


def add_help_items(request, menu_items) -> None:
    """The user's role guides first, then the list of every guide."""
    items = []
    for i, slug in enumerate(guides_for(request.user)):
        _html, title = render_guide(slug)
        items.append(
            MenuItem(title, reverse("home_guide", args=[slug]), name=f"guide-{slug}",
                     icon_name="help", order=i)
        )  # fmt: skip
    available = guide_files()
    if "index" in available:
        items.append(
            MenuItem(_("All guides"), reverse("home_guide_index"), name="guide-index",
                     icon_name="doc-full", order=50)
        )  # fmt: skip
    menu_items[:0] = items
