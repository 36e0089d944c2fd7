"""Vietnamese search on a sub-site (`/tim-kiem/?q=…`), accent-insensitive on SQLite and
PostgreSQL alike.

How it works (docs/portal.md, "Tìm kiếm"):

- Each article is indexed by Wagtail's database search backend (SQLite FTS5, PostgreSQL
  tsvector with its GIN index) with one more search field, `ArticlePage.search_folded`:
  the title, lead and body text folded by `dangbo.core.text.fold` (lower case, every
  Vietnamese mark and đ taken off: "Đại hội" -> "dai hoi"), followed by the same words
  *spelled with their marks* (`exact_token`: "đại" -> "xd9a5i", plain ASCII that neither
  tokenizer alters). The folding is done in Python, the same on both databases, so both
  answer the same queries the same way (PostgreSQL's `unaccent` would fold at query time
  but not SQLite's FTS5, whose `unicode61` tokenizer leaves đ and letters with two marks
  such as ệ unfolded).
- A query is folded the same way; an article matches when every folded word is in it
  (operator "and"). Articles that also hold every word with the query's exact accents
  ("Đảng", not "đăng") come first, then the others, each group newest first — within the
  page shown: the database pages the hits newest first (a LIMIT) and counts at most 1,001
  ("more than 1,000 results"), so the work is bounded by the page, not by the hits.
- Only the request's Site is searched (its home's subtree), only live public articles.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.search.query import And, Phrase

from dangbo.core.pagination import CappedPaginator
from dangbo.core.text import fold

RESULTS_PER_PAGE = 10
PAGE_PARAMETER = "trang"
QUERY_MAX_LENGTH = 200
QUERY_MAX_WORDS = 12
SNIPPET_WORDS = 30
# The hits counted at most: more shows "more than 1,000 results" (a bounded count).
COUNT_CAP = 1000

_WORD = re.compile(r"\w+")
# Vietnamese marks (after NFD) as digits, so that a word keeps its exact spelling in ASCII.
_MARK_CODES = {
    "\u0300": "1",  # huyền (grave)
    "\u0301": "2",  # sắc (acute)
    "\u0309": "3",  # hỏi (hook above)
    "\u0303": "4",  # ngã (tilde)
    "\u0323": "5",  # nặng (dot below)
    "\u0302": "6",  # mũ: â ê ô (circumflex)
    "\u0306": "7",  # trăng: ă (breve)
    "\u031b": "8",  # móc: ơ ư (horn)
}
EXACT_PREFIX = "x"


def exact_token(word: str) -> str:
    """A word with its exact Vietnamese spelling as one lower-case ASCII token:
    "Đảng" -> "xd9a3ng", "dang" -> "xdang" (a different token: exact-accent matching)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    out = [EXACT_PREFIX]
    for ch in decomposed:
        if ch == "đ":
            out.append("d9")
        elif ch.isascii():
            out.append(ch)
        elif unicodedata.category(ch) == "Mn":
            out.append(_MARK_CODES.get(ch, "0"))
        else:
            out.append(fold(ch) or "0")
    return "".join(out)


def folded_search_text(*texts: str) -> str:
    """What `ArticlePage.search_folded` indexes: the folded words, then their exact tokens."""
    words = _WORD.findall(" ".join(t for t in texts if t))
    return " ".join([fold(" ".join(words)), *(exact_token(w) for w in words)])


@dataclass(frozen=True)
class Query:
    text: str  # as typed, spaces squeezed
    count: int  # words typed, repeats included
    words: tuple[str, ...]  # the words as typed (lower case, each once)
    folded: tuple[str, ...]  # the same words folded

    @classmethod
    def parse(cls, raw: str | None) -> "Query":
        text = " ".join((raw or "").split())
        typed = _WORD.findall(text)
        words = tuple(dict.fromkeys(w.lower() for w in typed))
        return cls(text=text, count=len(typed), words=words, folded=tuple(fold(w) for w in words))


def _matching_pks(words: list[str]):
    """The pks of articles whose index holds every word (a subquery, not evaluated)."""
    from dangbo.portal.models import ArticlePage

    if connection.vendor == "postgresql":
        return _postgres_matching_pks(words)
    # Whole words: a phrase of one word each (plain text would make the last word a prefix
    # on SQLite and not on PostgreSQL).
    phrases = [Phrase(word) for word in words]
    search_query = phrases[0] if len(phrases) == 1 else And(phrases)
    results = ArticlePage.objects.search(search_query, order_by_relevance=False)
    # The backend's queryset (a filter on its FTS5 index), so that the database filters,
    # sorts and pages the hits itself, however many there are.
    return results.get_queryset().values("pk")


def _postgres_matching_pks(words: list[str]):
    """On PostgreSQL, the index entries' body vector (where `search_folded` is indexed)
    matched directly: its GIN index answers. (The backend's own query matches the title
    and body vectors concatenated, which no index serves: a scan of every entry.)"""
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.postgres.search import SearchQuery
    from wagtail.search.models import IndexEntry

    from dangbo.portal.models import ArticlePage

    content_type = ContentType.objects.get_for_model(ArticlePage)
    return (
        IndexEntry.objects.filter(
            content_type_id=content_type.pk,
            body=SearchQuery(" ".join(words), search_type="plain", config="simple"),
        )
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )


def search_articles(*, site_home, query: Query):
    """The site's published articles matching `query`, newest first (a queryset: the page
    shown is one LIMIT of it; `ranked` puts the exact-accent ones first within that page)."""
    from dangbo.portal.selectors import INDEXED_NEWEST_FIRST, published_articles

    folded = [w for w in query.folded if w]
    return (
        published_articles()
        .defer(None)  # the body is read for the snippets of the page shown
        .filter(path__startswith=site_home.path, depth=site_home.depth + 2)
        .filter(pk__in=_matching_pks(folded), date__isnull=False)
        .order_by(*INDEXED_NEWEST_FIRST)
    )


def has_exact_accents(article, query: Query) -> bool:
    """Whether the article holds every query word with the query's exact accents."""
    tokens = set(article.search_folded.split())
    return all(exact_token(w) in tokens for w in query.words)


def ranked(articles, query: Query) -> list:
    """`articles` (one page) with those holding the exact accents first, each group in the
    order given (newest first): the ranking is within the page shown, so that the database
    sorts and reads only one page of hits, however many match."""
    exact = [a for a in articles if has_exact_accents(a, query)]
    others = [a for a in articles if not has_exact_accents(a, query)]
    return exact + others


def highlight(text: str, query: Query) -> SafeString:
    """`text` escaped, each word that matches a query word once folded wrapped in <mark>."""
    if not text:
        return mark_safe("")
    wanted = set(query.folded)
    out, position = [], 0
    for found in _WORD.finditer(text):
        folded = fold(found.group())
        if folded in wanted:
            out.append(escape(text[position : found.start()]))
            out.append(f"<mark>{escape(found.group())}</mark>")
            position = found.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def snippet(article, query: Query) -> str:
    """The lead, or where the body first holds a query word: about SNIPPET_WORDS words."""
    texts = [article.lead, *article.body.stream_block.get_searchable_content(article.body)]
    wanted = set(query.folded)
    for text in texts:
        words = (text or "").split()
        for i, word in enumerate(words):
            if any(fold(w) in wanted for w in _WORD.findall(word)):
                start = max(0, i - SNIPPET_WORDS // 3)
                part = " ".join(words[start : start + SNIPPET_WORDS])
                prefix = "… " if start else ""
                suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
                return f"{prefix}{part}{suffix}"
    words = (article.lead or "").split()
    return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")


@require_GET
def search_view(request):
    from dangbo.portal.selectors import portal_site

    portal = portal_site(request)
    query = Query.parse(request.GET.get("q"))
    context = {"query": query.text, "results": None, "message": None, "parameter": ""}
    if not query.text:
        context["message"] = _("Type one or more words to search for.")
    elif len(query.text) > QUERY_MAX_LENGTH or query.count > QUERY_MAX_WORDS:
        context["message"] = _(
            "The search is too long: at most %(chars)d characters and %(words)d words."
        ) % {"chars": QUERY_MAX_LENGTH, "words": QUERY_MAX_WORDS}
    elif not query.words:
        context["message"] = _("Type letters or digits to search for.")
    elif portal["home"] is None:
        context["message"] = _("This sub-site has no pages yet.")
    else:
        paginator = CappedPaginator(
            search_articles(site_home=portal["home"], query=query),
            RESULTS_PER_PAGE,
            cap=COUNT_CAP,
        )
        results = paginator.get_page(request.GET.get(PAGE_PARAMETER))
        results.object_list = ranked(list(results.object_list), query)
        for article in results:
            article.title_highlighted = highlight(article.title, query)
            article.snippet_highlighted = highlight(snippet(article, query), query)
        context["results"] = results
        context["parameter"] = PAGE_PARAMETER
        context["query_string"] = urlencode({"q": query.text})
    return TemplateResponse(request, "portal/search.html", context)
