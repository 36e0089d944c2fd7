"""Each error row says the sheet and the column as the user's file named them.

A file in the office's words (Vietnamese sheet names and headers, as `dangbo export
--vietnamese` and the template write them) is answered in those words; a file in keys is
answered with the key and the Vietnamese name beside it. The row number, the value and
the reason (in Vietnamese) follow, on the command line and on the screen. The stored report
keeps `file` and `column` as the keys (INTERCHANGE.md); `sheet` and `heading` are added.
"""

import re
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from dangbo.interchange.models import ImportRun
from dangbo.interchange.template import write_template
from tests.interchange.helpers import DATASET, PEOPLE, run_import, write_dataset

pytestmark = pytest.mark.django_db

GENDER_VI = "Giới tính phải là M/F (Nam/Nữ)."


def template_with_bad_person(path, *, gender="Không rõ", header=None):
    """The template workbook (Vietnamese sheets and headers), its person's gender made bad."""
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Đảng viên"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("Giới tính") + 1, value=gender)
    if header is not None:
        sheet.cell(row=1, column=headers.index("Họ và tên") + 1, value=header)
    workbook.save(path)
    return path


def upload(client, path) -> ImportRun:
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    response = client.post(reverse("interchange_import"), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response.url)
    assert page.status_code == 200
    return ImportRun.objects.order_by("-pk").first(), page.content.decode()


def test_a_workbook_in_vietnamese_is_answered_in_its_own_words(tmp_path):
    path = template_with_bad_person(tmp_path / "mau.xlsx")
    with translation.override("vi"):
        code, _out, err = run_import(path)
    assert code == 1
    assert f"Đảng viên, dòng 2, cột Giới tính, giá trị “Không rõ”: {GENDER_VI}" in err
    (error,) = ImportRun.objects.get().errors
    # The keys stay where they were; the words are added beside them.
    assert (error["file"], error["row"], error["column"], error["value"]) == (
        "people",
        2,
        "gender",
        "Không rõ",
    )
    assert (error["sheet"], error["heading"]) == ("Đảng viên", "Giới tính")
    assert error["message"] == GENDER_VI


def test_a_file_in_keys_gets_the_vietnamese_names_beside_the_keys(tmp_path):
    people = PEOPLE.replace("P2,Trần Thị Bình,Nữ", "P2,Trần Thị Bình,X")
    folder = write_dataset(tmp_path, {"units": DATASET["units"], "people": people})
    with translation.override("vi"):
        code, _out, err = run_import(folder)
    assert code == 1
    line = f"people.csv (Đảng viên), dòng 3, cột gender (Giới tính), giá trị “X”: {GENDER_VI}"
    assert line in err
    (error,) = ImportRun.objects.get().errors
    assert (error["file"], error["column"]) == ("people", "gender")
    assert (error["sheet"], error["heading"]) == ("people.csv (Đảng viên)", "gender (Giới tính)")


def test_a_sheet_named_by_its_key_with_vietnamese_headers(tmp_path):
    path = template_with_bad_person(tmp_path / "mau.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["Đảng viên"].title = "people"
    workbook.save(path)
    with translation.override("vi"):
        code, _out, err = run_import(path)
    assert code == 1
    assert "people (Đảng viên), dòng 2, cột Giới tính, giá trị “Không rõ”" in err


def test_a_misspelled_vietnamese_header_is_told_the_vietnamese_name(tmp_path):
    path = template_with_bad_person(tmp_path / "mau.xlsx", gender="Nam", header="Họ và tênn")
    with translation.override("vi"):
        code, _out, err = run_import(path)
    assert code == 1
    (error,) = ImportRun.objects.get().errors
    assert (error["sheet"], error["row"], error["heading"]) == ("Đảng viên", 1, "Họ và tênn")
    assert "“họ và tên”" in error["message"], error
    assert "Đảng viên, dòng 1, cột Họ và tênn" in err


def test_a_cross_file_problem_names_the_column_as_written(tmp_path):
    path = tmp_path / "mau.xlsx"
    write_template(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Đảng viên"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("Đơn vị") + 1, value="KHONG-CO")
    workbook.save(path)
    with translation.override("vi"):
        code, _out, err = run_import(path)
    assert code == 1
    errors = [e for e in ImportRun.objects.get().errors if e["file"] == "people"]
    assert errors, ImportRun.objects.get().errors
    assert (errors[0]["sheet"], errors[0]["heading"], errors[0]["value"]) == (
        "Đảng viên",
        "Đơn vị",
        "KHONG-CO",
    )
    assert "Đảng viên, dòng 2, cột Đơn vị, giá trị “KHONG-CO”" in err


def test_the_screen_shows_the_rows_in_the_files_words(client, superuser, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(superuser)
    path = template_with_bad_person(tmp_path / "mau.xlsx")
    with translation.override("vi"):
        run, page = upload(client, path)
    (error,) = run.errors
    assert (error["sheet"], error["heading"]) == ("Đảng viên", "Giới tính")
    cells = re.findall(r'<td data-label="[^"]*">(.*?)</td>', page[page.index('id="problems"') :])
    assert cells[:5] == ["Đảng viên", "2", "Giới tính", "Không rõ", GENDER_VI]


def test_a_report_stored_before_the_words_still_shows(client, superuser):
    """Runs recorded before `sheet` and `heading` were added show the keys."""
    run = ImportRun.objects.create(
        user=superuser,
        via=ImportRun.Via.SCREEN,
        file_name="old.xlsx",
        status=ImportRun.Status.REJECTED,
        started_at=date(2026, 1, 1).isoformat() + "T00:00Z",
        finished_at=date(2026, 1, 1).isoformat() + "T00:00Z",
        error_count=1,
        errors=[{"file": "people", "row": 2, "column": "gender", "value": "X", "message": "…"}],
    )
    client.force_login(superuser)
    page = client.get(reverse("interchange_run", args=[run.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    problems = content[content.index('id="problems"') :]
    cells = re.findall(r'<td data-label="[^"]*">(.*?)</td>', problems)
    assert cells[:4] == ["people", "2", "gender", "X"]
