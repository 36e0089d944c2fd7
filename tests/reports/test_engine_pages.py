"""What the LibreOffice pages of the newer kinds showed wrong (docs/samples): a portrait annex
left on a landscape page after a landscape one, a heading's word broken in a narrow column, the
signature alone on its page."""

from datetime import date

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from dangbo.reports.content import Content, Section, Table
from dangbo.reports.engine import Issue, render_docx
from tests.reports.conftest import open_docx

ISSUE = Issue(
    superior_body="HUYỆN UỶ TÂN KỲ",
    issuing_body="BAN TỔ CHỨC",
    number_text="01-BC/BTCHU",
    place="Tân Kỳ",
    issued_on=date(2019, 10, 4),
    signer_title="TRƯỞNG BAN",
    signer_name="Nguyễn Văn Bình",
    author="Ban Tổ chức Huyện uỷ",
)

WIDE = Table(
    title="DANH SÁCH",
    subtitle="cấp ủy viên báo cáo",
    columns=(("member", "Cấp ủy viên"), ("area", "Địa bàn giám sát")),
    rows=[{"member": "Ngô Văn Định", "area": "Đảng bộ xã Giai Xuân"}],
    landscape=True,
)
# Short numbers under two-word bold headings: the columns were narrower than "Đúng", "Chưa".
COUNTS = Table(
    title="PHỤ LỤC",
    subtitle="theo địa bàn",
    columns=(
        ("area", "Địa bàn giám sát"),
        ("on_time", "Đúng hạn"),
        ("late", "Trễ hạn"),
        ("missing", "Chưa nộp"),
    ),
    rows=[{"area": "Đảng bộ xã Giai Xuân", "on_time": 1, "late": 0, "missing": 0}],
)


def document():
    content = Content(
        kind="supervision-quarter",
        doc_type="BC",
        type_title="BÁO CÁO",
        subject="tình hình báo cáo giám sát quý 3/2019",
        sections=(Section("I- KẾT QUẢ", paragraphs=("Một.", "Hai, đoạn cuối.")),),
        tables=(WIDE, COUNTS),
    )
    return open_docx(render_docx(content, ISSUE))


def test_a_portrait_annex_after_a_landscape_one_is_on_a_portrait_page():
    orientations = [s.orientation for s in document().sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]


def test_a_bold_heading_word_fits_its_column():
    annex = document().tables[-1]  # header, signature, the wide list, the counts
    widths = [c.w for c in annex._tbl.tblGrid.gridCol_lst]
    # "Đúng", "Chưa" in 12 pt bold with the cell's margins: more than 1,2 cm.
    assert all(w > Cm(1.2) for w in widths[2:])
    assert sum(widths) <= Cm(16.6)  # the portrait text width, 210 - 30 - 15 mm


def test_the_last_paragraph_goes_over_with_the_signature():
    doc = document()
    last = [p for p in doc.paragraphs if p.text == "Hai, đoạn cuối."][0]
    assert last.paragraph_format.keep_with_next
    signature = doc.tables[1]
    assert signature.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
