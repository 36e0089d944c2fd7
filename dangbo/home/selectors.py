"""What the home computes for the logged-in user: due work, new findings, counts, search.

Everything goes through the apps' selectors and policies (the user's grants). Built for a
million people: counts and filters run in the database on indexed unit paths; a review's
findings are computed once per scope and day and kept for `FINDINGS_SECONDS` in the cache
(a province office's tenure review reads every post), so a home shows them at once.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.text import fold, refused_character
from dangbo.home.providers import SHOWN, reads
from dangbo.home.registry import COUNTS, DUE_WORK, FINDING_SOURCES, DueGroup
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


def due_work(user, today: date | None = None) -> list[DueGroup]:
    today = today or timezone.localdate()
    groups = []
    for provider in DUE_WORK:
        group = provider(user, today)
        if group is not None:
            groups.append(group)
    return groups


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


def _scope_key(user) -> str:
    paths = scope.read_paths(user)
    text = "*" if paths is None else "|".join(paths)
    # The roles too: what a review shows follows the roles that may view its records.
    text += "#" + ",".join(sorted(scope.roles_of(user)))
    return hashlib.sha1(text.encode()).hexdigest()


def review_findings(user, name: str, today: date | None = None) -> Findings | None:
    """The findings of review `name` for the user today (None if not theirs to read)."""
    from dangbo.reviews.registry import REVIEWS

    today = today or timezone.localdate()
    source = next((s for s in FINDING_SOURCES if s.review == name), None)
    if source is None or name not in REVIEWS or not reads(user, source.readers):
        return None
    if not REVIEWS[name].visible_to(user):  # the menu's rule: a review the role does not have
        return None
    options = source.options(user, today)
    key = (
        "dangbo-home:"
        + hashlib.sha1(
            f"{name}|{today.isoformat()}|{_scope_key(user)}|{sorted(options.items())}".encode()
        ).hexdigest()
    )
    kept = cache.get(key)
    if kept is None:
        rows = REVIEWS[name].run(user=user, options=options)
        found = [row for row in rows if source.is_finding(row)]
        if source.date_key:
            found.sort(key=lambda row: row.get(source.date_key) or "", reverse=True)
        kept = {
            "total": len(found),
            "rows": found[:SHOWN],
            "days": [row.get(source.date_key) or "" for row in found] if source.date_key else [],
            "tallies": {t: sum(1 for r in rows if test(r)) for t, test in source.tallies.items()},
        }
        cache.set(key, kept, FINDINGS_SECONDS)
    return Findings(
        name=name,
        title=str(REVIEWS[name].title),
        url=source.url(options),
        total=kept["total"],
        rows=kept["rows"],
        days=kept["days"],
        tallies=kept["tallies"],
    )


def new_findings(user, today: date | None = None, since: datetime | None = None):
    """Each review's findings with the first few rows in words (cells), and how many are
    new: dated after `since` (the previous login) where the review dates its findings."""
    from dangbo.home.links import with_urls
    from dangbo.reviews.registry import REVIEWS
    from dangbo.reviews.views import cells

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
        if found.rows:
            table = cells(REVIEWS[source.review].columns(found.rows), found.rows)
            found.cells = with_urls(user, table)
        result.append(found)
    return result


# --- counts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CountLine:
    key: str
    label: str
    number: int
    url: str | None


def subtree_counts(user, today: date | None = None) -> list[CountLine]:
    today = today or timezone.localdate()
    lines = []
    for count in COUNTS:
        if not reads(user, count.readers):
            continue
        if count.model and not policy_for(apps.get_model(count.model)).may(user, VIEW):
            continue  # the records' screens are not this role's: neither is their count
        result = count.count(user, today)
        if result is None:
            continue
        number, url = result
        lines.append(CountLine(count.key, str(count.label), number, url))
    return lines


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
