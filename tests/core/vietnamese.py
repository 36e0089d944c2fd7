"""The Vietnamese checker of the walk (tests/core/test_vietnamese.py explains it)."""

import re
from html.parser import HTMLParser

from django.apps import apps
from django.db import models

from tests.core.sidebar import menu_entries

# Common English words of a back office's chrome, matched as whole words, any case.
ENGLISH = """
    Password Username Search Actions Action Toggle sidebar Root More Wagtail Dashboard Edit
    Delete Cancel Save Filter Filters Sort Page
    Pages Previous Next Yes No Loading Add Create Update Submit Close Back Home Settings
    Reports Images Documents Users Groups Help Profile Account Logout Login Sign Choose Select
    Clear Apply Export Download Upload Import History Inspect Status Title Name Date Unit
    Person Showing results Welcome Breadcrumb Error Warning Success Required optional Show
    Hide Expand Collapse Open View Preview Publish Draft Unpublish Lock Unlock Copy Move
    Rename Today Yesterday ago minutes hours days Unknown None True False Notes
""".split()  # noqa: SIM905 (a list to read and extend)
# Phrases whose words alone may be Vietnamese ("in" is "print").
PHRASES = ["Main menu", "source code", "new items in this menu", "More actions"]
WORDS = re.compile(
    r"(?<![\w-])(" + "|".join(sorted({*PHRASES, *ENGLISH}, key=len, reverse=True)) + r")(?![\w-])",
    re.I,
)
# True exceptions, each with its reason: none so far (a proper noun such as a unit's name
# would go here, with why).
ALLOWED: set[str] = set()
# A model's label ("wagtailcore.page") alone in its element: Wagtail's page-types report shows
# it small under the page type's Vietnamese name, as we show codes beside names.
CODE_BESIDE_NAME = re.compile(r"[a-z_]+\.[a-z_]+")
# Attributes a reader sees or hears.
SEEN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
# Elements whose text nobody reads as such (code, machine data), and codes shown small
# beside a name (docs/roles.md: "names instead of ids, code small beside").
UNREAD = {"script", "style", "template", "noscript", "code", "pre", "svg"}


def internal_codes() -> set[str]:
    """The stored values of every choice field of our apps that are not words of a reader."""
    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("dangbo."):
            continue
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and re.fullmatch(r"[a-z]+(_[a-z0-9]+)+|[a-z]{3,}", value):
                    codes.add(value)
    for choices in models.TextChoices.__subclasses__():
        codes.update(v for v in choices.values if re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", v))
    return codes


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.stack: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        # Not shown and not read aloud: hidden elements (an empty counter holds "None").
        unread = (
            tag in UNREAD
            or "code" in classes
            or "hidden" in attrs
            or attrs.get("aria-hidden") == "true"
        )
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self.stack.append(tag)
            if unread or self.hidden_depth:
                self.hidden_depth += 1
        for name in SEEN_ATTRIBUTES & attrs.keys():
            if attrs[name] and not self.hidden_depth:
                self.texts.append(attrs[name])

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack:
                top = self.stack.pop()
                if self.hidden_depth:
                    self.hidden_depth -= 1
                if top == tag:
                    break

    def handle_data(self, data):
        if not self.hidden_depth and data.strip():
            self.texts.append(data.strip())


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    texts = parser.texts
    for entry in menu_entries(html):
        texts.extend(entry[:-1])
    return texts


def problems_in(html: str, codes: set[str]) -> set[str]:
    found = set()
    code_words = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(codes))) + r")(?![\w-])"
    )
    for text in visible_texts(html):
        if CODE_BESIDE_NAME.fullmatch(text):
            continue
        for match in WORDS.finditer(text):
            word = match.group(1)
            if word not in ALLOWED:
                found.add(f"English {word!r} in {text[:80]!r}")
        for match in code_words.finditer(text):
            found.add(f"code {match.group(1)!r} in {text[:80]!r}")
    return found


# What each login's walk found, kept by the crawl (one walk per login serves both tests).
FOUND: dict[str, dict[str, set[str]]] = {}


def collector(username: str):
    """An `on_page` for the walker that keeps the page's problems under `username`."""
    codes = internal_codes()
    found = FOUND.setdefault(username, {})

    def check(url, html):
        for problem in problems_in(html, codes):
            found.setdefault(problem, set()).add(url)

    return check
