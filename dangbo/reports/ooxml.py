"""The long tables of a document, written into its saved file as XML text.

python-docx and openpyxl lay out the document (header, styles, widths, the heading row of
each table) and are left to do it; what they are slow at is the rows of a 10,000-row annex:
python-docx holds every row as lxml elements until it saves (a deep copy and 2.5 KB a row),
openpyxl builds and serializes a cell object per value. Both then cost more than the review
the rows come from. So each library writes one *template row* whose cells say `⟦n⟧` (the
n-th value), and once the file is saved, `splice` replaces that row in the part's XML by the
real rows, each the template's text with the values escaped in, streamed into the zip: the
rows are read once, never held as elements, and the file is what the library would have
written.
"""

import re
import secrets
import zipfile
from collections.abc import Callable, Iterable
from io import BytesIO

# Characters XML 1.0 refuses (the C0 controls but tab, line feed and carriage return; the
# two non-characters of the BMP). Imported and entered text is checked for controls already
# (core/text.py); a stray one must still never make a file Word cannot open.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})

SLOT = "⟦{}⟧"  # a template cell's text: the n-th value of the row goes there
_SLOT = re.compile("⟦(\\d+)⟧")


def marker() -> str:
    """A text that marks a template row: ASCII (openpyxl writes other characters as
    references) and never a value's."""
    return f"dangbo-rows-{secrets.token_hex(8)}"


def escape(value) -> str:
    """A value as the text of an XML element or attribute."""
    text = "" if value is None else str(value)
    return _NOT_XML.sub("", text).translate(_ESCAPES)


class Template:
    """A row's XML text cut at its slots: `render(values)` is that row with the values in."""

    def __init__(self, xml: str):
        self.pieces = _SLOT.split(xml)  # text, slot number, text, slot number, …, text

    def render(self, values) -> str:
        pieces = self.pieces
        out = [pieces[0]]
        for i in range(1, len(pieces), 2):
            out.append(values[int(pieces[i])])
            out.append(pieces[i + 1])
        return "".join(out)


def row_element(xml: str, marker: str, tag: str) -> tuple[int, int]:
    """Where the `<tag …>…</tag>` element holding `marker` starts and ends in `xml`."""
    at = xml.index(marker)
    start = max(xml.rfind(f"<{tag}>", 0, at), xml.rfind(f"<{tag} ", 0, at))
    end = xml.index(f"</{tag}>", at) + len(f"</{tag}>")
    return start, end


Rows = Callable[[str], Iterable[str]]  # the template row's XML → the rows' XML, in order
Fill = tuple[str, str, Rows]  # (marker, tag of the template element, rows)


def splice(saved: bytes, fills: dict[str, list[Fill]]) -> bytes:
    """The saved file with, in each part named in `fills`, each `(marker, tag, rows)`'s
    template element (the `tag` element holding `marker`) replaced by what
    `rows(template_xml)` yields. The other parts are copied as they are."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(saved)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename not in fills:
                target.writestr(info, data)
                continue
            xml = data.decode("utf-8")
            places = sorted(
                (
                    (*row_element(xml, marker, tag), rows)
                    for marker, tag, rows in fills[info.filename]
                ),
                key=lambda place: place[0],
            )
            with target.open(info.filename, "w", force_zip64=True) as stream:
                done = 0
                for start, end, rows in places:
                    stream.write(xml[done:start].encode("utf-8"))
                    _write(stream, rows(xml[start:end]))
                    done = end
                stream.write(xml[done:].encode("utf-8"))
    return out.getvalue()


def _write(stream, rows: Iterable[str], batch: int = 500) -> None:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == batch:
            stream.write("".join(chunk).encode("utf-8"))
            chunk = []
    stream.write("".join(chunk).encode("utf-8"))
