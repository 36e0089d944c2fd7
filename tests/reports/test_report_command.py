from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from dangbo.reports.models import IssuedDocument
from tests.reports.conftest import open_docx

ISSUE = [
    "--abbreviation",
    "HU",
    "--signer",
    "Nguyễn Văn Bình",
    "--signer-title",
    "Phó Bí thư",
    "--on-behalf",
    "T/M Ban Thường vụ",
    "--place",
    "Tân Kỳ",
    "--date",
    "05/07/2019",
    "--recipient",
    "Các tổ chức cơ sở đảng",
]


def report(*args) -> str:
    out = StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_docx_is_issued_and_registered(posts, tree, office_district, tmp_path):
    out = tmp_path / "bc.docx"
    said = report(
        "tenure",
        "--user",
        "office_hu",
        "--unit",
        "HU-TK",
        "--as-of",
        "2019-06-30",
        "--include-deputies",
        *ISSUE,
        "--out",
        str(out),
    )
    assert "01-BC/HU" in said
    issued = IssuedDocument.objects.get()
    assert out.read_bytes() == bytes(issued.docx)
    assert issued.options == {"as_of": "2019-06-30", "include_deputies": True}
    left = open_docx(out.read_bytes()).tables[0].rows[0].cells[0].text
    assert left.split("\n") == ["ĐẢNG BỘ TỈNH NGHỆ AN", "HUYỆN ỦY TÂN KỲ", "*", "Số 01-BC/HU"]
    # The profile is remembered: the next one needs no issue flags.
    report(
        "tenure",
        "--user",
        "office_hu",
        "--unit",
        "HU-TK",
        "--as-of",
        "2019-06-30",
        "--date",
        "2019-07-06",
        "--out",
        str(tmp_path / "bc2.docx"),
    )
    assert IssuedDocument.objects.order_by("number").last().number_text == "02-BC/HU"


def test_xlsx_writes_the_tables_only(posts, tree, office_district, tmp_path):
    out = tmp_path / "bc.xlsx"
    report(
        "tenure",
        "--user",
        "office_hu",
        "--unit",
        "HU-TK",
        "--as-of",
        "2019-06-30",
        "--include-deputies",
        "--out",
        str(out),
    )
    assert not IssuedDocument.objects.exists()
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("TT", "Họ và tên", "Đơn vị")
    assert sorted(r[1] for r in rows[1:]) == ["Lê Văn Hùng", "Nguyễn Văn An", "Trần Thị Mai"]
    since = rows[1][4]
    assert hasattr(since, "year")  # a real date
    assert sheet.freeze_panes == "A2"


def test_bad_input_exits_2_and_writes_nothing(posts, tree, office_district, tmp_path):
    with pytest.raises(CommandError) as refused:
        report(
            "tenure",
            "--user",
            "office_hu",
            "--unit",
            "HU-TK",
            "--as-of",
            "2019-06-30",
            "--out",
            str(tmp_path / "bc.docx"),
        )
    assert refused.value.returncode == 2
    assert "abbreviation" in str(refused.value)
    with pytest.raises(CommandError) as unknown:
        report(
            "tenure",
            "--user",
            "office_hu",
            "--unit",
            "NOPE",
            "--as-of",
            "2019-06-30",
            "--out",
            str(tmp_path / "bc.docx"),
        )
    assert unknown.value.returncode == 2
    assert not IssuedDocument.objects.exists()
    assert not (tmp_path / "bc.docx").exists()


def test_the_discipline_lists_tables_as_xlsx(demo, tmp_path):
    from dangbo.discipline.models import PublishedList

    out = tmp_path / "ds.xlsx"
    report(
        "discipline-list",
        "--user",
        "ubkt.huyen",
        "--unit",
        "HU-TK",
        "--year",
        "2019",
        "--list-period",
        "H1",
        "--out",
        str(out),
    )
    published = PublishedList.objects.get(unit__code="HU-TK", year=2019, period="H1")
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "TT",
        "Họ và tên",
        "Chi bộ, đảng bộ",
        "Hình thức kỷ luật",
        "Ngày quyết định",
        "Cấp quyết định",
    )
    assert [r[1] for r in rows[1:]] == [r["name"] for r in published.rows]
    assert [r[4].date().isoformat() for r in rows[1:]] == [
        r["decided_date"] for r in published.rows
    ]
    assert sheet.cell(row=2, column=5).number_format == "dd/mm/yyyy"
    longest = max(len(r["decided_by"]) for r in published.rows)
    assert sheet.column_dimensions["F"].width >= longest


def test_a_helper_body_may_not_make_the_discipline_notice(demo, tmp_path):
    with pytest.raises(CommandError) as refused:
        report(
            "discipline-list",
            "--user",
            "bdv.huyen",
            "--unit",
            "HU-TK",
            "--year",
            "2019",
            "--list-period",
            "H1",
            "--out",
            str(tmp_path / "ds.docx"),
        )
    assert "bdv.huyen" in str(refused.value)
    assert not (tmp_path / "ds.docx").exists()
