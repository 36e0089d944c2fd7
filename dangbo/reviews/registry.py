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
    heading: str  # gettext_lazy
    value: Callable[[dict], str]
    align: str = "<"


@dataclass(frozen=True)
class Review:
    name: str
    title: str  # gettext_lazy: menu and page title
    help: str
    options: tuple[str, ...]  # keys of dangbo.reviews.options.OPTIONS
    run: Callable[..., list[dict]]  # run(user=..., options=...) -> JSON rows
    columns: Callable[[list[dict]], list[Column]]


REVIEWS: dict[str, Review] = {}


def register(review: Review) -> Review:
    REVIEWS[review.name] = review
    return review
