"""The reviews `dangbo review NAME` and the back office know: name, options, how to run.

A review returns rows in the JSON shape of INTERCHANGE.md, already sorted; the command
prints them as JSON or as a table with the review's own columns, and the back office
shows the same table. Options are named once (`dangbo.reviews.options`) and become both
command-line flags and form fields.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """A column of a review's table: words for people (a label, a name, a dd/mm/yyyy date).

    `code` is the code beside the words (a person's, a unit's, a case's), shown small on
    the screens, in a column of its own in the downloads, in brackets in the terminal;
    `record` says which kind of record that code names ("person", "unit", "case",
    "rotation": dangbo.reviews.common.RECORDS), for the screens' links.
    """

    heading: str  # gettext_lazy
    value: Callable[[dict], str]
    align: str = "<"
    code: Callable[[dict], str | None] | None = None
    record: Callable[[dict], str | None] | None = None

    def code_of(self, row: dict) -> str:
        return (self.code(row) or "") if self.code else ""

    def text(self, row: dict) -> str:
        """The words and, if they are not the code itself, the code in brackets."""
        words, code = self.value(row), self.code_of(row)
        if not code or words == code:
            return words
        return f"{words} ({code})" if words else code


@dataclass(frozen=True)
class Review:
    """A review; who sees it is a policy question: `reads` names the kinds of record its rows
    show ("discipline.DisciplineCase"), and a user sees the review (menu, screen, downloads,
    `dangbo review --user`) when they may VIEW every one of them (docs/roles.md)."""

    name: str
    title: str  # gettext_lazy: menu and page title
    help: str
    options: tuple[str, ...]  # keys of dangbo.reviews.options.OPTIONS
    run: Callable[..., list[dict]]  # run(user=..., options=...) -> JSON rows
    columns: Callable[[list[dict]], list[Column]]
    reads: tuple[str, ...] = ()  # model labels; none: anyone with access to the back office

    def visible_to(self, user) -> bool:
        from django.apps import apps

        from dangbo.org import scope
        from dangbo.org.policy import VIEW, policy_for

        if not self.reads:
            return scope.has_access(user)
        return all(policy_for(apps.get_model(label)).may(user, VIEW) for label in self.reads)


REVIEWS: dict[str, Review] = {}


def register(review: Review) -> Review:
    REVIEWS[review.name] = review
    return review
