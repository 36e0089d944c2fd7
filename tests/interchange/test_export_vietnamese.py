"""'Export my data' in Vietnamese: sheets, headers and labels in words; it imports back the
same, table by table and field by field (as the keys format does, test_roundtrip_whole)."""

import io
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from dangbo.demo.management.commands.demo import DATA
from dangbo.interchange.exporters import export_dataset
from dangbo.interchange.files import SPECS
from dangbo.org.scope import OPERATOR
from tests.interchange.helpers import run_import
from tests.interchange.test_roundtrip_whole import (
    dump,
    empty_the_domain_tables,
    enter_on_the_screens,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", ["thu-muc", "du-lieu.xlsx"])
def test_the_vietnamese_export_imports_back_the_same(tmp_path, target):
    call_command("import", str(DATA), "--quiet", stdout=StringIO(), stderr=StringIO())
    enter_on_the_screens()
    before = dump()
    export_dataset(tmp_path / target, user=OPERATOR, vietnamese=True)
    empty_the_domain_tables()
    code, out, err = run_import(tmp_path / target)
    assert code == 0, err
    after = dump()
    for name in before:
        assert after[name] == before[name], name


def test_the_vietnamese_workbook_speaks_the_offices_words(tmp_path):
    call_command("import", str(DATA), "--quiet", stdout=StringIO(), stderr=StringIO())
    path = tmp_path / "du-lieu.xlsx"
    export_dataset(path, user=OPERATOR, vietnamese=True)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [spec.title for spec in SPECS.values()]
    people = list(workbook["Đảng viên"].iter_rows(values_only=True))
    assert people[0][:3] == ("Mã người", "Họ và tên", "Giới tính")
    assert {row[2] for row in people[1:]} <= {"Nam", "Nữ"}
    assert workbook["Đảng viên"]["D2"].number_format == "DD/MM/YYYY"
    posts = list(workbook[SPECS["positions"].title].iter_rows(values_only=True))
    role = posts[0].index("Chức vụ") if "Chức vụ" in posts[0] else None
    values = {v for row in posts[1:] for v in row if isinstance(v, str)}
    assert "head" not in values and "deputy" not in values, role
    discipline = {
        v for row in workbook[SPECS["discipline"].title].iter_rows(values_only=True) for v in row
    }
    assert "khien_trach" not in discipline


def test_the_keys_format_stays_the_default(tmp_path, client, office_a, person_a):
    export_dataset(tmp_path / "keys.xlsx", user=OPERATOR)
    assert "people" in openpyxl.load_workbook(tmp_path / "keys.xlsx").sheetnames
    client.force_login(office_a)
    response = client.get(reverse("interchange_export") + "?words=vi")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook["Đảng viên"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["P-A1"]  # only what the user sees
