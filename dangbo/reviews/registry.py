"""The reviews `dangbo review NAME` knows, each a name, its options and how to run it.

A review returns rows in the JSON shape of INTERCHANGE.md, already sorted; the command
prints them as JSON or as a table with the review's own columns.
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
    help: str
    add_arguments: Callable
    run: Callable[..., list[dict]]  # run(user=..., options=...) -> JSON rows
    columns: Callable[[list[dict]], list[Column]]


REVIEWS: dict[str, Review] = {}


def register(review: Review) -> Review:
    REVIEWS[review.name] = review
    return review
