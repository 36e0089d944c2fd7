"""The long tables written into the saved files as text (reports/ooxml.py): what Word, Excel
and LibreOffice read back is every value as written, escaped, never a formula."""

import io
from datetime import date

import openpyxl
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from dangbo.reports import ooxml
from dangbo.reports.content import Content, Section, Table
from dangbo.reports.engine import Issue, render_docx
from dangbo.reports.xlsx import render_xlsx

ISSUE = Issue(
    superior_body="ĐẢNG BỘ TỈNH NGHỆ AN",
    issuing_body="HUYỆN UỶ TÂN KỲ",
    number_text="01-BC/HU",
    place="Tân Kỳ",
    issued_on=date(2019, 7, 5),
    signer_title="BÍ THƯ",
    signer_name="Người ký",
)
NASTY = ['=HYPERLINK("http://x")', 'a < b & c > d "q"', "tab\there", "bell\x07gone", "  spaced  "]


def content(rows_a, rows_b) -> Content:
    columns = (("name", "Họ và tên"), ("day", "Ngày"))
    return Content(
        kind="test",
        doc_type="BC",
        type_title="BÁO CÁO",
        subject="thử",
        sections=(Section("I- THỬ", paragraphs=("Một đoạn.",)),),
        tables=(
            Table("DANH SÁCH", "thứ nhất", columns, rows_a),
            Table("Bảng trong thân", "", columns, rows_b, annex=False),
        ),
    )


def test_every_value_comes_back_as_written_in_both_files():
    rows_a = [{"name": text, "day": "05/07/2019"} for text in NASTY]
    rows_b = [{"name": "Lê Văn Hùng", "day": ""}]
    made = content(rows_a, rows_b)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(made)))
    first, second = book.worksheets
    values = list(first.iter_rows(min_row=2, values_only=True))
    expected = [t.replace("\x07", "") for t in NASTY]
    assert [v[1] for v in values] == expected
    assert all(first.cell(row=r, column=2).data_type == "s" for r in range(2, 7))  # never "f"
    assert [v[2].date() for v in values] == [date(2019, 7, 5)] * len(NASTY)
    assert first.cell(row=2, column=3).number_format == "dd/mm/yyyy"
    assert [v[0] for v in values] == [1, 2, 3, 4, 5]
    assert list(second.iter_rows(min_row=2, values_only=True)) == [(1, "Lê Văn Hùng", None)]

    document = Document(io.BytesIO(render_docx(made, ISSUE)))
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "TT"]
    body, annex = tables  # the body's table comes before the signature, the annex after
    assert [[c.text for c in row.cells] for row in body.rows[1:]] == [["1", "Lê Văn Hùng", ""]]
    assert [row.cells[1].text for row in annex.rows[1:]] == expected
    assert [row.cells[0].text for row in annex.rows[1:]] == ["1", "2", "3", "4", "5"]


def test_an_empty_table_keeps_its_heading_row_alone():
    made = content([], [])
    document = Document(io.BytesIO(render_docx(made, ISSUE)))
    assert all(len(t.rows) == 1 for t in document.tables if t.rows[0].cells[0].text == "TT")
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(made)))
    assert all(sheet.max_row == 1 for sheet in book.worksheets)


@given(st.text(max_size=40))
def test_escape_gives_text_an_xml_parser_reads_back(text):
    from xml.etree import ElementTree

    element = ElementTree.fromstring(f"<t>{ooxml.escape(text)}</t>")
    kept = "".join(c for c in text if not ooxml._NOT_XML.match(c))
    # XML parsers turn a lone carriage return into a line feed; everything else is kept.
    assert (element.text or "") == kept.replace("\r\n", "\n").replace("\r", "\n")


def test_a_template_puts_each_value_in_its_slot():
    template = ooxml.Template("<r><c>⟦1⟧</c><c>⟦0⟧</c></r>")
    assert template.render(["a", "b"]) == "<r><c>b</c><c>a</c></r>"
