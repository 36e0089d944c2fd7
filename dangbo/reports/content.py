"""What a document says, apart from how it looks.

A document kind (kinds/) builds a `Content` from the data, through the same selectors and
reviews as the screens (never a figure typed); the engine lays it out in the Party's document
layout (../shared/spec/DOCUMENTS.md, Hướng dẫn 36-HD/VPTW) from the template set, and writes
its tables as .xlsx too. The header (issuing unit, number, place and date), the signature and
the recipients are not content: they come from the issue form and the register.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """A table of the document: an annex (new page, `DANH SÁCH`/`PHỤ LỤC` and the line
    "(kèm theo …)" under it) or a table inside the body.

    `rows` may be a generator: a document over a million people streams its rows (a tenure
    annex of ~10,000 rows is not held twice). Values are words and dd/mm/yyyy dates, as a
    reader reads them; the engine adds the `TT` column (1, 2, …) itself.
    """

    title: str  # "DANH SÁCH", "PHỤ LỤC", or the caption of a table in the body
    subtitle: str  # "cán bộ giữ chức vụ quá hai nhiệm kỳ": what the annex lists (lower case)
    columns: tuple[tuple[str, str], ...]  # (key in each row, heading in words)
    rows: Iterable[dict]
    annex: bool = True
    landscape: bool = False  # wide tables: a landscape section


@dataclass(frozen=True)
class Section:
    """A part of the body: its heading (`I- KẾT QUẢ RÀ SOÁT`, `1. …`, or "") and paragraphs;
    `items` are the `- …` lines after them."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    subsections: tuple["Section", ...] = ()


@dataclass(frozen=True)
class Content:
    kind: str  # the kind's name: "tenure"
    doc_type: str  # the type's code in the number: "BC", "TB", "KH", "QĐ" (DOCUMENTS.md)
    type_title: str  # "BÁO CÁO", "THÔNG BÁO", "KẾ HOẠCH", "QUYẾT ĐỊNH"
    subject: str  # the subject line under it, lower case: "kết quả rà soát cán bộ …"
    sections: tuple[Section, ...]
    tables: tuple[Table, ...] = ()
    # Every number the body quotes, by name ("reviewed": 12): the tests compare them with
    # the selectors, the register keeps them with the options the document was made from.
    figures: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentKind:
    """A document `dangbo report NAME` and the back office make.

    `options` are keys of dangbo.reviews.options.OPTIONS (the reviews' own: `as_of`,
    `year`, `quarter`, `include_deputies`, …) plus the kind's `extra_options`; `reads` are
    the model labels whose records the document shows: a user may make it when they may
    VIEW every one of them (as Review.visible_to); `build(user=, unit=, options=)` returns
    the Content for the issuing `unit`'s subtree as that user sees it.
    """

    name: str
    title: str  # gettext_lazy: the button and the register's column
    doc_type: str
    options: tuple[str, ...]
    reads: tuple[str, ...]
    build: Callable[..., Content]
    # Options of the kind's own (name -> dangbo.reviews.options.Option), beside the reviews'.
    extra_options: dict = field(default_factory=dict)
