"""Imports in the office's own words: Vietnamese values, sheet names and the template."""

import csv
import unicodedata
from datetime import date
from io import BytesIO, StringIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from dangbo.core.text import fold
from dangbo.interchange import parsers
from dangbo.interchange.exporters import export_dataset
from dangbo.interchange.files import SPECS
from dangbo.interchange.template import EXAMPLES, LISTS_SHEET, choice_labels, write_template
from dangbo.org import scope
from dangbo.org.models import Unit
from dangbo.people.models import Person, Position
from tests.interchange.helpers import run_import

pytestmark = pytest.mark.django_db


def choice_columns():
    return [
        (spec.name, column)
        for spec in SPECS.values()
        for column in spec.columns
        if getattr(column.parse, "choices", None) is not None
    ]


# (file, column, as written, key stored, other cells of the example changed with it)
VALUES = [
    ("units", "kind", "ĐẢNG BỘ CƠ SỞ", "grassroots_committee", {}),
    ("unit_events", "kind", "doi  ten", "rename", {}),
    ("people", "gender", "NỮ", "F", {}),
    ("people", "gender", "nam", "M", {}),
    ("positions", "role", "Cấp phó", "deputy", {}),
    ("positions", "role", "ủy viên", "member", {}),
    ("rotation_plans", "kind", "nhiem ky 5 nam", "term", {}),
    ("rotations", "to_role", "CẤP TRƯỞNG", "head", {}),
    ("rotations", "from_role", "Cấp phó", "deputy", {"from_unit_code": "HU-TK"}),
    ("rotations", "reason", "dao tao, ren luyen", "development", {}),
    ("assessments", "level", "Yếu", "weak", {}),
    ("assistance", "role", "phối hợp", "support", {}),
    ("discipline", "subject_kind", "Đảng viên", "person", {}),
    ("discipline", "form", "Cảnh cáo", "canh_cao", {}),
    ("discipline", "category", "Không áp dụng thời hiệu", "no_limit", {}),
    (
        "discipline",
        "complaint_outcome",
        "Giữ nguyên quyết định",
        "upheld",
        {"complaint_date": date(2018, 9, 1), "complaint_resolved_date": date(2018, 10, 1)},
    ),
    ("ratings", "subject_kind", "đơn vị", "unit", {}),
    ("ratings", "level", "Hoàn thành tốt nhiệm vụ", "tot", {}),
]


def test_every_choice_column_has_a_vietnamese_row_in_the_table():
    tabled = {(file, column) for file, column, *_rest in VALUES}
    columns = {(file, column.key) for file, column in choice_columns()}
    columns.add(("people", "gender"))
    assert columns == tabled


@pytest.mark.parametrize(("file", "column"), [(f, c) for f, c in choice_columns()], ids=str)
def test_each_key_and_each_vietnamese_label_parses_to_the_key(file, column):
    choices = column.parse.choices
    labels = parsers.vietnamese_labels(choices)
    assert len({fold(label) for label in labels}) == len(labels)  # no two alike once folded
    for key, label in zip(choices.values, labels, strict=True):
        decomposed = unicodedata.normalize("NFD", label)
        for written in (key, label, label.upper(), fold(label), f"  {decomposed}  "):
            assert column.parse(written) == key, written
            assert column.parse.for_text(written) == key, written


def test_an_unknown_value_names_the_keys_and_their_labels():
    role = {c.key: c for c in SPECS["positions"].columns}["role"]
    with pytest.raises(parsers.CellError) as error:
        role.parse("Trưởng ban")
    assert "deputy (Cấp phó)" in error.value.message


def _dataset(file, column, written, changes):
    """The template's examples, with one cell written in Vietnamese."""
    dataset = {name: [dict(row) for row in rows] for name, rows in EXAMPLES.items()}
    row = dataset[file][-1]
    row.update(changes)
    row[column] = written
    return dataset


def _cell(value) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def _write_csv(folder, dataset):
    folder.mkdir()
    for name, rows in dataset.items():
        columns = SPECS[name].columns
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow([c.vi or c.key for c in columns])
            for row in rows:
                writer.writerow([_cell(row.get(c.key)) for c in columns])
    return folder


def _write_xlsx(path, dataset):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in dataset.items():
        spec = SPECS[name]
        sheet = workbook.create_sheet(spec.title)
        sheet.append([c.vi or c.key for c in spec.columns])
        for row in rows:
            sheet.append([row.get(c.key) for c in spec.columns])
    workbook.save(path)
    return path


def _exported(tmp_path, file, column) -> list[str]:
    """The column's stored values as the export (the INTERCHANGE.md keys) writes them."""
    folder = tmp_path / "exported"
    export_dataset(folder, user=scope.OPERATOR)
    with open(folder / f"{file}.csv", encoding="utf-8") as stream:
        return [row[column] for row in csv.DictReader(stream)]


@pytest.mark.parametrize("form", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("file", "column", "written", "key", "changes"), VALUES, ids=lambda v: str(v)[:30]
)
def test_a_vietnamese_value_is_stored_as_its_key(
    tmp_path, form, file, column, written, key, changes
):
    dataset = _dataset(file, column, written, changes)
    if form == "csv":
        path = _write_csv(tmp_path / "dataset", dataset)
    else:
        path = _write_xlsx(tmp_path / "dataset.xlsx", dataset)
    code, _out, err = run_import(path)
    assert code == 0, err
    assert _exported(tmp_path, file, column)[-1] == key


def test_sheets_named_in_vietnamese_and_in_any_case_import(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, name in (("ĐƠN VỊ", "units"), ("dang vien", "people")):
        spec = SPECS[name]
        sheet = workbook.create_sheet(title)
        sheet.append([c.vi or c.key for c in spec.columns])
        for row in EXAMPLES[name]:
            sheet.append([row.get(c.key) for c in spec.columns])
    workbook.save(tmp_path / "ho-so.xlsx")
    code, out, err = run_import(tmp_path / "ho-so.xlsx")
    assert code == 0, err
    assert "units: 2 created" in out
    assert Person.objects.get(code="P0001").unit.code == "X-DONGVAN"


def test_the_same_file_under_both_names_is_refused(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title in ("units", "Đơn vị"):
        sheet = workbook.create_sheet(title)
        sheet.append(list(SPECS["units"].keys))
        sheet.append(["TU", "Tỉnh ủy", "province_committee", "", "", ""])
    workbook.save(tmp_path / "twice.xlsx")
    code, _out, err = run_import(tmp_path / "twice.xlsx")
    assert code != 0
    assert "holds the same file as" in err
    assert not Unit.objects.exists()


def test_the_template_imports_as_downloaded_into_an_empty_database(tmp_path):
    out = StringIO()
    call_command("export", "--template", str(tmp_path / "mau.xlsx"), stdout=out)
    assert "mau.xlsx" in out.getvalue()
    code, out, err = run_import(tmp_path / "mau.xlsx")
    assert code == 0, err
    assert "not a dataset file" not in out + err  # the sheet of lists is the template's own
    for name in SPECS:
        assert f"{name}: {len(EXAMPLES[name])} created, 0 updated" in out
    position = Position.objects.get()
    assert (position.person.code, position.unit.code, position.role) == (
        "P0001",
        "X-DONGVAN",
        "head",
    )


def test_the_template_is_in_vietnamese_with_lists_examples_and_a_frozen_header(tmp_path):
    workbook = openpyxl.load_workbook(write_template(tmp_path / "mau.xlsx"))
    assert workbook.sheetnames == [*(spec.title for spec in SPECS.values()), LISTS_SHEET]
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    for spec in SPECS.values():
        sheet = workbook[spec.title]
        assert sheet.freeze_panes == "A2"
        headers = [cell.value for cell in sheet[1]]
        assert [fold(h) for h in headers] == [fold(c.vi) for c in spec.columns]
        assert sheet.max_row == 1 + len(EXAMPLES[spec.name])
        for index, column in enumerate(spec.columns):
            letter = openpyxl.utils.get_column_letter(index + 1)
            assert 10 <= sheet.column_dimensions[letter].width <= 60
            labels = choice_labels(column)
            found = [v for v in sheet.data_validations.dataValidation if f"{letter}2" in v.sqref]
            assert bool(found) == bool(labels), (spec.name, column.key)
            if labels:
                assert found[0].type == "list"
                value = sheet[f"{letter}2"].value
                assert value in labels or (value is None and not column.required)
                listed = found[0].formula1
                if listed.startswith('"'):
                    assert listed.strip('"').split(",") == labels
                else:
                    cells = workbook[LISTS_SHEET][listed.split("!")[1].replace("$", "")]
                    assert [row[0].value for row in cells] == labels
            if column.parse is parsers.day and sheet[f"{letter}2"].value is not None:
                assert sheet[f"{letter}2"].number_format == "DD/MM/YYYY"
    assert workbook["Chức vụ"]["C2"].value == "Cấp trưởng"
    assert workbook["Kỷ luật"]["E2"].value == "Khiển trách"


def test_export_still_writes_the_keys(tmp_path):
    write_template(tmp_path / "mau.xlsx")
    run_import(tmp_path / "mau.xlsx")
    assert _exported(tmp_path, "positions", "role") == ["head"]
    with open(tmp_path / "exported" / "units.csv", encoding="utf-8") as stream:
        assert next(csv.reader(stream)) == list(SPECS["units"].keys)


def test_export_wants_a_path_or_a_template(tmp_path):
    code = run_export()
    assert code != 0
    assert run_export(str(tmp_path / "x"), "--template", str(tmp_path / "t.xlsx")) != 0
    assert run_export("--template", str(tmp_path / "t.csv")) != 0
    assert not (tmp_path / "t.csv").exists()


def run_export(*args) -> int:
    try:
        call_command("export", *args, stdout=StringIO())
    except CommandError:
        return 1
    return 0


def test_the_import_page_offers_the_template_and_each_page_has_its_own_title(
    client, settings, tmp_path, superuser
):
    settings.DATA_DIR = tmp_path
    client.force_login(superuser)  # keeps every file (an office alone may not import discipline)
    page = client.get(reverse("interchange_import")).content.decode()
    assert reverse("interchange_template") in page
    assert "<title>Import data" in page
    download = client.get(reverse("interchange_template"))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    content = b"".join(download.streaming_content)
    assert "Đơn vị" in openpyxl.load_workbook(BytesIO(content)).sheetnames
    # The downloaded template, uploaded again: its preview names the file and can be confirmed.
    upload = SimpleUploadedFile("mẫu của xã.xlsx", content, "application/octet-stream")
    preview = client.post(reverse("interchange_import"), {"file": upload}, follow=True)
    assert "<title>Check of mẫu của xã.xlsx" in preview.content.decode()
    assert preview.context["may_confirm"], preview.context["run"].errors
    done = client.post(preview.redirect_chain[-1][0], follow=True)
    assert "<title>Import of mẫu của xã.xlsx" in done.content.decode()
    assert Person.objects.get().code == "P0001"
