"""Errors meant for people: what is wrong and where, in the user's language."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input. `field` is the form field or dataset column."""

    field: str
    message: str
    value: str = ""


class InputError(Exception):
    """Bad input; nothing was written. Carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


class ConflictError(Exception):
    """Someone else changed the record since it was read; the later writer is told."""
