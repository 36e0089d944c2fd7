"""What the home shows, as small registries each app can add to.

Due work ("Việc cần làm"): a provider `fn(user, today) -> DueGroup | None` registered with
`register_due` (`review=` when its items are a review's findings); findings: a
`FindingSource` per review; counts: a `Count` each. The built-in ones are in
`dangbo.home.providers`; an app may keep its own in `<app>/home.py`, imported at start-up
(`autodiscover`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True)
class DueItem:
    """One thing to do: its words, the record's code beside, a link, when it is due."""

    text: str
    url: str | None = None
    code: str = ""
    due: date | None = None
    overdue: bool = False
    note: str = ""


@dataclass(frozen=True)
class DueGroup:
    """A kind of due work: a heading, the first items, how many in all, the full list."""

    key: str
    heading: str
    items: list[DueItem]
    total: int
    more_url: str | None = None
    # A placeholder: taken from a review not run yet, it comes with the home's findings.
    deferred: bool = False

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)


DueProvider = Callable[[object, date], DueGroup | None]
DUE_WORK: list[DueProvider] = []
# The providers whose items are a review's findings (provider -> the review's name): the
# home sends its page without them until the review's findings are kept.
DUE_REVIEWS: dict[DueProvider, str] = {}


def register_due(provider: DueProvider | None = None, *, review: str | None = None):
    """`@register_due`, or `@register_due(review="supervision")` for due work taken from a
    review's findings (`dangbo.home.selectors.review_findings`)."""

    def add(provider):
        if provider not in DUE_WORK:
            DUE_WORK.append(provider)
        if review:
            DUE_REVIEWS[provider] = review
        return provider

    return add(provider) if provider is not None else add


@dataclass(frozen=True)
class FindingSource:
    """A review's findings as the home shows them (dangbo.reviews.registry.REVIEWS).

    `options(user, today)` are the review's options for the user today; `is_finding(row)`
    keeps the rows that call for action; `date_key` names the row's day the finding arose
    on, if it has one (a finding dated after the previous login is "new"); `readers` are
    the roles that see it (None: every role; the operator always).
    """

    review: str
    options: Callable[[date], dict]
    url: Callable[[dict], str]
    is_finding: Callable[[dict], bool] = lambda row: True
    date_key: str | None = None
    readers: frozenset | None = None
    # Counts over all the review's rows, kept with the findings (name -> predicate).
    tallies: dict = field(default_factory=dict)
    # The order of the rows kept for display (a sort key; None: latest first by date_key).
    order: Callable[[dict], object] | None = None


FINDING_SOURCES: list[FindingSource] = []


def register_findings(source: FindingSource) -> FindingSource:
    FINDING_SOURCES.append(source)
    return source


@dataclass(frozen=True)
class Count:
    """A count of the user's subtree: `count(user, today) -> (number, url) | None`."""

    key: str
    label: str
    count: Callable[[object, date], tuple[int, str | None] | None]
    readers: frozenset | None = None
    # The kind of record counted (a model label): shown only to roles that may view it.
    model: str | None = None


COUNTS: list[Count] = []


def register_count(count: Count) -> Count:
    COUNTS.append(count)
    return count


def autodiscover() -> None:
    """Import `<app>.home` of every dangbo app that has one (its providers register)."""
    for config in apps.get_app_configs():
        if not config.name.startswith("dangbo.") or config.name == "dangbo.home":
            continue
        module = f"{config.name}.home"
        if find_spec(module) is not None:
            import_module(module)
