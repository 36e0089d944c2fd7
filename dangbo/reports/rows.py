"""Rows a document's table reads more than once (the .docx, then the .xlsx) without a copy."""

from collections.abc import Callable, Iterable


class MappedRows:
    """`fn` applied to each of `source` every time the rows are read: a table of 10,000
    review rows is not held a second time as words."""

    def __init__(self, source: Iterable, fn: Callable[[object], dict]):
        self.source = source
        self.fn = fn

    def __iter__(self):
        return (self.fn(item) for item in self.source)

    def __len__(self):
        return len(self.source)
