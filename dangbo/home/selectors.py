"""What the home computes for the logged-in user: due work, new findings, counts, search.

Everything goes through the apps' selectors and policies (the user's grants). Built for a
million people: counts and filters run in the database on indexed unit paths; a review's
findings and the subtree's counts are computed once per scope and day and kept for
`FINDINGS_SECONDS` in the cache (a province office's tenure review reads every post, its
members count a million rows), so a warm home shows them at once; a cold one is sent
without them and asks for them in a second request (views.FindingsFragmentView).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dangbo.core.text import fold, refused_character
from dangbo.home.providers import SHOWN, reads
from dangbo.home.registry import COUNTS, DUE_REVIEWS, DUE_WORK, FINDING_SOURCES, DueGroup
from dangbo.org import scope
from dangbo.org.policy import VIEW, policy_for

FINDINGS_SECONDS = 600
SESSION_PREVIOUS_LOGIN = "dangbo_previous_login"


# --- the previous login ----------------------------------------------------------------


def remember_previous_login(sender, request, user, **kwargs):
    """At login, keep in the session when the user logged in before (None: first time)."""
    previous = user.last_login
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_PREVIOUS_LOGIN] = previous.isoformat() if previous else ""


def previous_login(request) -> datetime | None:
    value = request.session.get(SESSION_PREVIOUS_LOGIN) if hasattr(request, "session") else None
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


# --- due work --------------------------------------------------------------------------


def due_work(user, today: date | None = None, *, reviews: bool = True) -> list[DueGroup]:
    """The user's due work. `reviews=False`: a group taken from a review's findings not kept
    yet is a placeholder (`deferred`), computed with the findings (`deferred_due`)."""
    today = today or timezone.localdate()
    groups = []
    for provider in DUE_WORK:
        review = DUE_REVIEWS.get(provider)
        kept = (
            None if not review or reviews else review_findings(user, review, today, compute=False)
        )
        if kept is NOT_KEPT:
            groups.append(DueGroup(_due_slot(provider), "", [], 0, deferred=True))
            continue
        group = provider(user, today)
        if group is not None:
            groups.append(group)
    return groups


def _due_slot(provider) -> str:
    return f"review-{DUE_REVIEWS[provider]}"


def deferred_due(user, today: date | None = None) -> list[tuple[str, DueGroup | None]]:
    """The due work taken from reviews, by the placeholder each replaces (None: nothing)."""
    today = today or timezone.localdate()
    return [
        (_due_slot(provider), provider(user, today))
        for provider in DUE_WORK
        if provider in DUE_REVIEWS
    ]


# --- findings --------------------------------------------------------------------------


@dataclass
class Findings:
    """A review's findings in the user's scope today: how many, the first rows, the link."""

    name: str
    title: str
    url: str
    total: int
    rows: list[dict]
    days: list[str] = field(default_factory=list)  # each finding's day (date_key), if any
    tallies: dict = field(default_factory=dict)
    new: int | None = None  # findings dated after the previous login (None: undated)
    cells: list = field(default_factory=list)
    chart: object = None  # dangbo.reports.charts.screens.ChartView, from the kept counts


def _scope_key(user) -> str:
    paths = scope.read_paths(user)
    text = "*" if paths is None else "|".join(paths)
    # The roles too: what a review shows follows the roles that may view its records.
    text += "#" + ",".join(sorted(scope.roles_of(user)))
    return hashlib.sha1(text.encode()).hexdigest()


# What `review_findings(..., compute=False)` and `subtree_counts(..., compute=False)` answer
# when nothing is kept yet for this scope today.
NOT_KEPT = object()


def _key(kind: str, user, today: date) -> str:
    # The language too: what is kept is in words.
    text = f"{kind}|{today.isoformat()}|{get_language()}|{_scope_key(user)}"
    return "dangbo-home:" + hashlib.sha1(text.encode()).hexdigest()


def review_findings(user, name: str, today: date | None = None, *, compute: bool = True):
    """The findings of review `name` for the user today (None if not theirs to read).

    Kept per scope and day for FINDINGS_SECONDS with the options they were computed with
    (the latest survey year, the settings): a warm home reads no table for them.
    `compute=False`: only what is kept (NOT_KEPT if the review has not run for this scope
    in that time), so the home can send its page at once and ask for the rest apart."""
    from dangbo.reports.charts import screens as charts
    from dangbo.reviews.registry import REVIEWS

    today = today or timezone.localdate()
    source = next((s for s in FINDING_SOURCES if s.review == name), None)
    if source is None or name not in REVIEWS or not reads(user, source.readers):
        return None
    if not REVIEWS[name].visible_to(user):  # the menu's rule: a review the role does not have
        return None
    key = _key(f"review:{name}", user, today)
    kept = cache.get(key)
    if kept is None and not compute:
        return NOT_KEPT
    if kept is None:
        options = source.options(user, today)
        rows = REVIEWS[name].run(user=user, options=options)
        found = [row for row in rows if source.is_finding(row)]
        if source.date_key:
            found.sort(key=lambda row: row.get(source.date_key) or "", reverse=True)
        shown = (sorted(found, key=source.order) if source.order else found)[:SHOWN]
        kept = {
            "options": options,
            "total": len(found),
            "rows": shown,
            "cells": _shown_cells(user, REVIEWS[name], shown),
            "days": [row.get(source.date_key) or "" for row in found] if source.date_key else [],
            "tallies": {t: sum(1 for r in rows if test(r)) for t, test in source.tallies.items()},
            # The chart's counts from the same rows, kept with them (a warm home draws it
            # from these, running no review).
            "chart": charts.home_counts(name, rows),
        }
        cache.set(key, kept, FINDINGS_SECONDS)
    return Findings(
        name=name,
        title=str(REVIEWS[name].title),
        url=source.url(kept["options"]),
        total=kept["total"],
        rows=kept["rows"],
        days=kept["days"],
        tallies=kept["tallies"],
        cells=kept["cells"],
        chart=charts.home_chart(name, kept.get("chart")),
    )


def _shown_cells(user, review, rows) -> list[list[dict]]:
    """The rows the home shows, in words with the link of each record the user may open,
    as plain text (kept with the findings: a warm home asks no policy per row)."""
    from dangbo.home.links import with_urls
    from dangbo.reviews.views import cells

    if not rows:
        return []
    table = with_urls(user, cells(review.columns(rows), rows))
    return [
        [
            {
                "words": "" if cell["words"] is None else str(cell["words"]),
                "code": str(cell["code"] or ""),
                "url": cell["url"],
            }
            for cell in line
        ]
        for line in table
    ]


def findings_kept(user, today: date | None = None) -> bool:
    """Are the findings of every review the user reads kept (the home can show them now)?"""
    today = today or timezone.localdate()
    return all(
        review_findings(user, source.review, today, compute=False) is not NOT_KEPT
        for source in FINDING_SOURCES
    )


def new_findings(user, today: date | None = None, since: datetime | None = None):
    """Each review's findings with the first few rows in words (cells), and how many are
    new: dated after `since` (the previous login) where the review dates its findings."""
    today = today or timezone.localdate()
    result = []
    for source in FINDING_SOURCES:
        found = review_findings(user, source.review, today)
        if found is None:
            continue
        if source.date_key and since is not None:
            day = (
                timezone.localtime(since).date().isoformat()
                if timezone.is_aware(since)
                else since.date().isoformat()
            )
            found.new = sum(1 for d in found.days if d > day)
        result.append(found)
    return result


# --- counts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CountLine:
    key: str
    label: str
    number: int
    url: str | None


def subtree_counts(user, today: date | None = None, *, compute: bool = True):
    """The counts of the user's subtree, kept per scope and day for FINDINGS_SECONDS beside
    the findings (two of them are findings' tallies; counting the members of a province
    reads a million index entries). `compute=False`: NOT_KEPT when they are not kept."""
    today = today or timezone.localdate()
    key = _key("counts", user, today)
    kept = cache.get(key)
    if kept is None and not compute:
        return NOT_KEPT
    if kept is None:
        kept = []
        for count in COUNTS:
            if not reads(user, count.readers):
                continue
            if count.model and not policy_for(apps.get_model(count.model)).may(user, VIEW):
                continue  # the records' screens are not this role's: neither is their count
            result = count.count(user, today)
            if result is None:
                continue
            number, url = result
            kept.append((count.key, number, url))
        cache.set(key, kept, FINDINGS_SECONDS)
    labels = {count.key: count.label for count in COUNTS}
    return [CountLine(key, str(labels[key]), number, url) for key, number, url in kept]


# --- search ----------------------------------------------------------------------------

MAX_QUERY = 100
MAX_WORDS = 6
RESULTS = 20


@dataclass
class SearchResult:
    query: str
    error: str = ""
    people: list = field(default_factory=list)
    units: list = field(default_factory=list)
    more_people: bool = False
    more_units: bool = False


def check_query(query: str) -> str:
    """The message refusing `query`, or "" when it can be searched."""
    if len(query) > MAX_QUERY:
        return _("Search for at most %(n)s characters.") % {"n": MAX_QUERY}
    if refused_character(query):
        return _("The search holds a control character; type the name or code again.")
    words = fold(query).split()
    if not words:
        return _("Type a name or a code to search.")
    if len(words) > MAX_WORDS:
        return _("Search with at most %(n)s words.") % {"n": MAX_WORDS}
    return ""


def reads_reviews(user) -> bool:
    """Does the user see any review (and so any finding) at all?"""
    from dangbo.reviews.registry import REVIEWS

    return any(review.visible_to(user) for review in REVIEWS.values())


def may_search(user) -> bool:
    """Does the user read people or units (what the search finds)? A portal editor or
    approver does not: the home offers them no search box."""
    from dangbo.org.models import Unit
    from dangbo.people.models import Person

    return policy_for(Person).may(user, VIEW) or policy_for(Unit).may(user, VIEW)


def search(user, query: str) -> SearchResult:
    """People and units the user may see whose code or name hold every word of `query`,
    accents ignored ("nguyen van" finds "Nguyễn Văn"), as the people and units lists search."""
    from dangbo.home.links import url_for
    from dangbo.org.selectors import unit_list_visible_to
    from dangbo.people.selectors import person_list_visible_to

    query = (query or "").strip()
    error = check_query(query)
    if error:
        return SearchResult(query, error=error)
    words = fold(query).split()
    people = person_list_visible_to(user=user)
    units = unit_list_visible_to(user=user).select_related("parent")
    for word in words:
        people = people.filter(search_text__contains=word)
        units = units.filter(search_text__contains=word)
    # One more than shown says whether there are more, without counting every match.
    found_people = list(people.order_by("code")[: RESULTS + 1])
    found_units = list(units.order_by("name", "code")[: RESULTS + 1])
    for record in found_people[:RESULTS] + found_units[:RESULTS]:
        record.home_url = url_for(user, record)
    return SearchResult(
        query,
        people=found_people[:RESULTS],
        units=found_units[:RESULTS],
        more_people=len(found_people) > RESULTS,
        more_units=len(found_units) > RESULTS,
    )


LOOKUP_RESULTS = 20


def unit_lookup(user, query: str) -> SearchResult:
    """Units the user sees whose code or name hold every word of `query` (accents ignored),
    the first `LOOKUP_RESULTS` by name: the unit filter's search box. The search's refusals
    (too long, control characters, too many words); nothing out of the user's reach."""
    from dangbo.org.forms import visible_units

    query = (query or "").strip()
    error = check_query(query)
    if error:
        return SearchResult(query, error=error)
    units = visible_units(user).select_related("parent")
    for word in fold(query).split():
        units = units.filter(search_text__contains=word)
    found = list(units.order_by("name", "code")[: LOOKUP_RESULTS + 1])
    return SearchResult(query, units=found[:LOOKUP_RESULTS], more_units=len(found) > LOOKUP_RESULTS)
