from datetime import date

from dangbo.reports.kinds import KINDS
from dangbo.reports.services import document_issue
from dangbo.reviews.registry import REVIEWS
from tests.reports.conftest import issue_data, open_docx, texts

OPTIONS = {"as_of": date(2019, 6, 30), "include_deputies": True}


def test_the_report_header_body_and_annex_are_the_review(posts, tree, office_district):
    issued = document_issue(
        actor=office_district,
        kind=KINDS["tenure"],
        unit=tree.district,
        options=OPTIONS,
        data=issue_data(),
    )
    assert issued.number_text == "01-BC/HU"
    document = open_docx(bytes(issued.docx))
    lines = texts(document)
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.split("\n") == ["ĐẢNG BỘ TỈNH NGHỆ AN", "HUYỆN UỶ TÂN KỲ", "*", "Số 01-BC/HU"]
    assert [line for line in right.split("\n") if line] == [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Tân Kỳ, ngày 05 tháng 7 năm 2019",
    ]
    assert "BÁO CÁO" in lines
    review_rows = REVIEWS["tenure"].run(user=office_district, options=OPTIONS)
    inside = [r for r in review_rows if r["unit_code"] != "TU-NA"]
    over = [r for r in inside if r["status"] == "over"]
    assert issued.figures["over"] == len(over) == 2
    assert issued.figures["approaching"] == 1
    body = " ".join(lines)
    assert "2 cán bộ giữ một chức vụ quá hai nhiệm kỳ" in body
    assert "trong đó 1 cấp trưởng và 1 cấp phó" in body
    assert "(kèm theo Báo cáo số 01-BC/HU, ngày 05-7-2019 của Ban Thường vụ Huyện uỷ)" in lines
    annex = document.tables[-1]
    columns = REVIEWS["tenure"].columns(inside)
    assert [c.text for c in annex.rows[0].cells] == ["TT", *(str(c.heading) for c in columns)]
    shown = [[c.text for c in row.cells] for row in annex.rows[1:]]
    expected = [[str(i), *(c.value(r) for c in columns)] for i, r in enumerate(inside, 1)]
    assert shown == expected


def test_without_an_issuer_in_words_the_sentences_name_the_unit(posts, tree, office_district):
    issued = document_issue(
        actor=office_district,
        kind=KINDS["tenure"],
        unit=tree.district,
        options=OPTIONS,
        data=issue_data(author=""),
    )
    lines = texts(open_docx(bytes(issued.docx)))
    name = tree.district.name
    assert f"(kèm theo Báo cáo số 01-BC/HU, ngày 05-7-2019 của {name})" in lines
    assert any(f"Bộ Chính trị, {name} đã rà soát" in line for line in lines)
