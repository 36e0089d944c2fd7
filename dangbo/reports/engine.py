"""A Content and its issue data, laid out as a Party document (.docx).

The layout is Hướng dẫn 36-HD/VPTW's (shared spec DOCUMENTS.md); every size, length and fixed
word comes from the template set (`template_set.layout()`), which an office overrides.

Why python-docx and not docxtpl: the documents are mostly tables of thousands of rows and a
few computed paragraphs. docxtpl renders a Jinja template inside the Word XML, which holds the
whole rendered XML in memory as text and re-parses it (slow and heavy for a 10,000-row annex);
python-docx writes the elements directly, and the annex rows are one prepared row's XML text
with the values in, streamed from the kind's rows into the saved file (ooxml.py). The layout
values an office may change are not in code but in `layout.json`, and its styles in an
optional `base.docx`, so an office still overrides the look without touching code; what it
cannot do is move blocks around, which the Hướng dẫn fixes anyway.

A paragraph of the content may name the issuing body as `{issuer}` ("{issuer} thông báo …"):
the engine puts the issue's `author` there ("Ban Thường vụ Huyện uỷ").
"""

import io
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from dangbo.reports import ooxml, template_set, words
from dangbo.reports.content import Content, Section, Table

SAMPLED_ROWS = 200  # rows read before the columns' widths are set


@dataclass(frozen=True)
class Issue:
    """What the issue form (or the command line) and the register add to the content."""

    superior_body: str  # "ĐẢNG BỘ TỈNH NGHỆ AN"
    issuing_body: str  # "HUYỆN UỶ TÂN KỲ"
    number_text: str  # "45-TB/HU"
    place: str  # "Tân Kỳ"
    issued_on: date
    signer_title: str  # "PHÓ BÍ THƯ"
    signer_name: str
    on_behalf: str = ""  # "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN" or ""
    recipients: tuple[str, ...] = ()  # "Các tổ chức cơ sở đảng"
    author: str = ""  # "Ban Thường vụ Huyện uỷ": the "của …" of the annex line
    replaces: str = ""  # "45-TB/HU": the document this one corrects


def render_docx(content: Content, issue: Issue) -> bytes:
    layout = template_set.layout()
    base = template_set.base_document()
    document = Document(str(base)) if base else Document()
    writer = _Writer(document, layout, content, issue)
    writer.write()
    out = io.BytesIO()
    document.save(out)
    return ooxml.splice(out.getvalue(), {"word/document.xml": writer.fills})


# --- low-level helpers ----------------------------------------------------------------------


def _fonts(element_rpr, name: str) -> None:
    fonts = element_rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element_rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _border(paragraph, side: str = "bottom", size: int = 6) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), "auto")
    borders.append(edge)
    ppr.append(borders)


def _no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tblpr.append(borders)


def _grid_borders(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "auto")
        borders.append(edge)
    tblpr.append(borders)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _widths(table, widths_cm) -> None:
    """The columns' widths, in the grid (which LibreOffice reads) and in each cell (Word)."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=False):
        column.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        if kind == "separate":
            shown = OxmlElement("w:t")
            shown.text = "2"
            run._r.append(shown)


class _Writer:
    def __init__(self, document, layout, content: Content, issue: Issue):
        self.doc = document
        self.layout = layout
        self.content = content
        self.issue = issue
        self.font = layout["font"]["name"]
        self.size = layout["font"]["size_pt"]
        self.fills: list = []  # each table's rows, written into the saved file (ooxml.splice)

    # paragraphs

    def para(self, text="", *, container=None, **kwargs):
        target = container if container is not None else self.doc
        return self.fill_para(target.add_paragraph(), text, **kwargs)

    def fill_para(
        self,
        paragraph,
        text="",
        *,
        bold=False,
        italic=False,
        underline=False,
        size=None,
        align=None,
        indent=False,
        after=None,
        before=None,
    ):
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(self.layout["body"]["space_after_pt"] if after is None else after)
        fmt.space_before = Pt(before or 0)
        if indent:
            fmt.first_line_indent = Cm(self.layout["body"]["first_line_indent_cm"])
        if align is not None:
            paragraph.alignment = align
        if text:
            self.run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
        return paragraph

    def run(self, paragraph, text, *, bold=False, italic=False, underline=False, size=None):
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        run.font.name = self.font
        _fonts(run._r.get_or_add_rPr(), self.font)
        run.font.size = Pt(size or self.size)
        return run

    def cell_para(self, cell, text="", **kwargs):
        """A line of a cell: its first (empty) paragraph first, new ones after."""
        kwargs.setdefault("after", 0)
        if not getattr(cell, "_used", False):
            cell._used = True
            return self.fill_para(cell.paragraphs[0], text, **kwargs)
        return self.para(text, container=cell, **kwargs)

    # the document

    def write(self):
        self.page_setup(self.doc.sections[0])
        self.default_style()
        self.header()
        self.title()
        for section in self.content.sections:
            self.section(section, level=0)
        for table in self.content.tables:
            if not table.annex:
                self.table(table)
        self.signature()
        for table in self.content.tables:
            if table.annex:
                self.annex(table)

    def page_setup(self, section, landscape=False):
        page = self.layout["page"]
        width, height = Mm(page["width_mm"]), Mm(page["height_mm"])
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = height, width
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = width, height
        section.top_margin, section.bottom_margin = Mm(page["top_mm"]), Mm(page["bottom_mm"])
        section.left_margin, section.right_margin = Mm(page["left_mm"]), Mm(page["right_mm"])
        section.header_distance = Mm(page["header_mm"])
        # Page numbers from page 2, centred at the top: the first page's header is empty.
        section.different_first_page_header_footer = True
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        _page_field(paragraph)
        for run in paragraph.runs:
            run.font.size = Pt(self.layout["page_numbers"]["size_pt"])
            run.font.name = self.font
            _fonts(run._r.get_or_add_rPr(), self.font)

    def default_style(self):
        normal = self.doc.styles["Normal"]
        normal.font.name = self.font
        normal.font.size = Pt(self.size)
        _fonts(normal.element.get_or_add_rPr(), self.font)
        fmt = normal.paragraph_format
        fmt.space_after = Pt(self.layout["body"]["space_after_pt"])
        fmt.line_spacing = self.layout["body"]["line_spacing"]

    def header(self):
        h = self.layout["header"]
        issue = self.issue
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_borders(table)
        _widths(table, (h["left_width_cm"], h["right_width_cm"]))
        left, right = table.rows[0].cells
        center = WD_ALIGN_PARAGRAPH.CENTER
        if issue.superior_body:
            self.cell_para(left, issue.superior_body.upper(), align=center)
        self.cell_para(left, issue.issuing_body.upper(), bold=True, align=center)
        self.cell_para(left, h["star"], align=center)
        self.cell_para(left, f"{h['number_prefix']} {issue.number_text}", align=center)
        self.cell_para(right, h["party_line"], bold=True, size=h["party_size_pt"], align=center)
        # The rule under it, as long as the text: a paragraph of its own, so that its
        # indents never make the line wrap.
        rule = self.cell_para(right, "", align=center, size=2)
        side = Cm(max(0.0, (h["right_width_cm"] - h["party_rule_width_cm"]) / 2))
        rule.paragraph_format.left_indent = side
        rule.paragraph_format.right_indent = side
        rule.paragraph_format.line_spacing = Pt(2)
        _border(rule, "bottom", 8)
        self.cell_para(
            right,
            words.place_and_date(issue.place, issue.issued_on),
            italic=True,
            align=center,
            before=6,
        )

    def title(self):
        t = self.layout["title"]
        center = WD_ALIGN_PARAGRAPH.CENTER
        self.para(
            self.content.type_title.upper(),
            bold=True,
            size=t["type_size_pt"],
            align=center,
            before=18,
            after=0,
        )
        self.para(self.content.subject, bold=True, size=t["subject_size_pt"], align=center, after=0)
        rule = self.para(align=center, after=12)
        body_cm = self.text_width_cm()
        side = Cm(max(0.0, (body_cm - t["rule_width_cm"]) / 2))
        rule.paragraph_format.left_indent = side
        rule.paragraph_format.right_indent = side
        _border(rule, "bottom", 6)
        if self.issue.replaces:
            self.para(
                f"(thay thế {words.sentence_case(self.content.type_title)} số "
                f"{self.issue.replaces})",
                italic=True,
                align=center,
            )

    def text_width_cm(self) -> float:
        page = self.layout["page"]
        return (page["width_mm"] - page["left_mm"] - page["right_mm"]) / 10

    def fill(self, text: str) -> str:
        return text.replace("{issuer}", self.issue.author or "")

    def section(self, section: Section, level: int):
        justify = WD_ALIGN_PARAGRAPH.JUSTIFY
        if section.heading:
            self.para(
                section.heading,
                before=6,
                bold=True,
                align=justify,
                indent=level > 0,
                size=self.layout["headings"]["size_pt"],
            )
        for text in section.paragraphs:
            self.para(self.fill(text), align=justify, indent=True)
        for item in section.items:
            self.para(f"- {self.fill(item)}", align=justify, indent=True)
        for sub in section.subsections:
            self.section(sub, level + 1)

    def signature(self):
        s = self.layout["signature"]
        issue = self.issue
        # Never a signature alone on its page: the body's last paragraph goes over with it,
        # and the signature's row is not split across pages.
        if self.doc.paragraphs:
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=1, cols=2)
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        _no_borders(table)
        _widths(table, (s["left_width_cm"], s["right_width_cm"]))
        left, right = table.rows[0].cells
        self.cell_para(left, s["recipients_heading"], underline=True, before=6)
        small = s["recipient_size_pt"]
        for recipient in issue.recipients:
            self.cell_para(left, f"- {recipient.strip().rstrip(',.')},", size=small)
        self.cell_para(left, f"- {s['archive_line']}", size=small)
        center = WD_ALIGN_PARAGRAPH.CENTER
        if issue.on_behalf:
            self.cell_para(right, issue.on_behalf.upper(), bold=True, align=center, before=6)
        self.cell_para(right, issue.signer_title.upper(), bold=True, align=center)
        for _ in range(s["signature_room_lines"]):
            self.cell_para(right, "", align=center)
        self.cell_para(right, issue.signer_name, bold=True, align=center)

    def annex(self, table: Table):
        # A new section when the orientation changes (back to portrait too: an annex after a
        # landscape one was left on a landscape page, its columns sized for portrait).
        landscape_now = self.doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE
        if table.landscape or landscape_now:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            self.page_setup(section, landscape=table.landscape)
            section.different_first_page_header_footer = False
        else:
            self.para(after=0).add_run().add_break(WD_BREAK.PAGE)
        a = self.layout["annex"]
        center = WD_ALIGN_PARAGRAPH.CENTER
        self.para(table.title.upper(), bold=True, align=center, after=0)
        if table.subtitle:
            self.para(table.subtitle, bold=True, align=center, after=0)
        cited = a["cited_as"].format(
            type=words.sentence_case(self.content.type_title),
            number=self.issue.number_text,
            date=words.cited_date(self.issue.issued_on),
            author=self.issue.author,
        )
        self.para(cited, italic=True, align=center, after=12)
        self.table(table)

    def table(self, table: Table):
        a = self.layout["annex"]
        size = a["table_size_pt"]
        if not table.annex and table.title:
            self.para(table.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
        headings = [a["number_heading"], *(str(h) for _, h in table.columns)]
        grid = self.doc.add_table(rows=1, cols=len(headings))
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        _grid_borders(grid)
        head = grid.rows[0]
        _repeat_header(head)
        for cell, text in zip(head.cells, headings, strict=True):
            self.cell_para(cell, text, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
        keys = [key for key, _ in table.columns]
        rows = iter(table.rows)
        first = list(islice(rows, SAMPLED_ROWS))
        _widths(grid, self.column_widths(table, first))
        # One template row; its copies are written into the saved file as text (ooxml.py).
        marker = ooxml.marker()
        self.body_row(grid, len(headings), size, marker)

        every_row = chain(first, rows)

        def xml_rows(template_xml: str):
            template = ooxml.Template(template_xml.replace(marker, ""))
            escape = ooxml.escape
            for number, row in enumerate(every_row, 1):
                yield template.render([str(number), *(escape(row.get(k)) for k in keys)])

        self.fills.append((marker, "w:tr", xml_rows))

    def body_row(self, grid, columns: int, size, marker: str):
        row = grid.add_row()
        keep = OxmlElement("w:cantSplit")  # a row is never cut between two pages
        row._tr.get_or_add_trPr().append(keep)
        for i, cell in enumerate(row.cells):
            align = WD_ALIGN_PARAGRAPH.CENTER if i == 0 else WD_ALIGN_PARAGRAPH.LEFT
            slot = ooxml.SLOT.format(i)
            paragraph = self.cell_para(
                cell, marker + slot if i == 0 else slot, size=size, align=align
            )
            paragraph.runs[0]._r.find(qn("w:t")).set(qn("xml:space"), "preserve")

    def column_widths(self, table: Table, first: list[dict]) -> list[float]:
        """TT narrow; each other column at least as wide as its longest word (a date, a
        heading's word: never broken), the rest of the width shared by the first rows'
        typical lengths (names and units wider than roles)."""
        width = self.text_width_cm()
        if table.landscape:
            page = self.layout["page"]
            width = (page["height_mm"] - page["left_mm"] - page["right_mm"]) / 10
        tt = self.layout["annex"]["number_width_cm"]
        em_cm = self.layout["annex"]["table_size_pt"] / 28.35
        # An average glyph: half an em in the rows, more in the bold heading ("Đúng hạn",
        # "Điểm" were broken inside the word at half an em); plus the cell's two margins.
        char_cm, bold_cm, margins_cm = em_cm * 0.5, em_cm * 0.62, 0.45
        least, weights = [], []
        for key, heading in table.columns:
            values = [str(row.get(key) or "") for row in first]
            longest = max((len(w) for v in values for w in v.split()), default=2) * char_cm
            bold = max((len(w) for w in str(heading).split()), default=2) * bold_cm
            least.append(max(longest, bold) + margins_cm)
            lengths = sorted(len(v) for v in values)
            weights.append(lengths[len(lengths) * 3 // 4] if lengths else 1)
        room = width - tt
        if room <= sum(least):
            scale = room / sum(least)
            return [tt, *(w * scale for w in least)]
        # The width shared by the typical lengths; a column whose share is under its longest
        # word gets that word's width, the others share the rest (until none is under).
        fixed: dict[int, float] = {}
        while True:
            free = [i for i in range(len(least)) if i not in fixed]
            left = room - sum(fixed.values())
            total = sum(max(weights[i], 1) for i in free) or 1
            share = {i: left * max(weights[i], 1) / total for i in free}
            under = {i: least[i] for i in free if share[i] < least[i]}
            if not under:
                break
            fixed.update(under)
        return [tt, *(fixed.get(i, share.get(i, 0.0)) for i in range(len(least)))]
