from datetime import date, datetime

import openpyxl
import pytest

from dangbo.interchange.exporters import export_dataset
from dangbo.interchange.models import ImportRun
from dangbo.org.models import Unit, UnitEvent, path_ids
from dangbo.org.scope import OPERATOR
from dangbo.people.models import Person, Position
from tests.interchange.helpers import DATASET, PEOPLE, run_import, write_dataset

pytestmark = pytest.mark.django_db


def dump() -> dict:
    codes = dict(Unit.objects.values_list("pk", "code"))
    return {
        # Ids differ from one database to the other: a path is compared as the codes on it.
        "units": sorted(
            (*row, tuple(codes[pk] for pk in path_ids(path)))
            for *row, path in Unit.objects.values_list(
                "code", "name", "kind", "parent__code", "valid_from", "valid_to", "path"
            )
        ),
        "events": sorted(
            (
                e.date,
                e.kind,
                e.source_codes,
                e.name,
                e.note,
                e.previous_name,
                tuple(sorted(e.targets.values_list("code", flat=True))),
            )
            for e in UnitEvent.objects.all()
        ),
        "people": sorted(
            Person.objects.values_list(
                "code",
                "full_name",
                "gender",
                "birth_date",
                "ethnicity",
                "hometown",
                "party_join_date",
                "party_official_date",
                "unit__code",
                "search_text",
            )
        ),
        "positions": sorted(
            Position.objects.values_list(
                "person__code", "unit__code", "role", "title", "start_date", "end_date"
            )
        ),
    }


def empty_database():
    Position.objects.all().delete()
    Person.objects.all().delete()
    UnitEvent.objects.all().delete()
    for unit in Unit.objects.order_by("-path"):
        unit.delete()


@pytest.mark.parametrize("target", ["folder", "dataset.xlsx"])
def test_export_then_import_into_an_empty_database_gives_the_same_data(tmp_path, target):
    assert run_import(write_dataset(tmp_path / "in", DATASET))[0] == 0
    before = dump()
    assert "rename" in [e[1] for e in before["events"]]
    assert any(e[5] == "Đảng bộ xã A cũ" for e in before["events"])
    export_dataset(tmp_path / target, user=OPERATOR)
    empty_database()
    code, out, err = run_import(tmp_path / target)
    assert code == 0, err
    assert dump() == before


def test_xlsx_with_date_cells_and_numbers(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "people"
    sheet.append(["code", "Họ và tên", "GIỚI TÍNH", "ngày sinh"])
    sheet.append([1001, "Nguyễn Văn An", "Nam", datetime(1970, 5, 17)])
    workbook.save(tmp_path / "d.xlsx")
    code, out, err = run_import(tmp_path / "d.xlsx")
    assert code == 0, err
    person = Person.objects.get(code="1001")
    assert person.birth_date == date(1970, 5, 17)


def test_xlsx_formula_cells_are_rejected_naming_the_cell(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "people"
    sheet.append(["code", "full_name", "gender", "birth_date"])
    sheet.append(["P1", "Nguyễn Văn An", "M", "=DATE(1970,5,17)"])
    workbook.save(tmp_path / "f.xlsx")
    code, out, err = run_import(tmp_path / "f.xlsx")
    assert code == 1
    error = ImportRun.objects.get().errors[0]
    assert (error["row"], error["column"]) == (2, "birth_date")
    assert "Cell D2 holds a formula" in error["message"]


def test_a_commune_user_cannot_import_another_communes_rows(tmp_path, tree, office_a):
    people = (
        PEOPLE.splitlines()[0]
        + "\nP8,Người xã A,M,1980-01-01,,,,,X-DV\nP9,Người xã B,M,1980-01-01,,,,,X-TX\n"
    )
    code, out, err = run_import(write_dataset(tmp_path, {"people": people}), "--user", "office_a")
    assert code == 1
    (error,) = ImportRun.objects.get().errors
    assert (error["row"], error["column"], error["value"]) == (3, "unit_code", "X-TX")
    assert "outside your unit's subtree" in error["message"]
    assert not Person.objects.exists()


def test_a_commune_user_imports_within_their_subtree_and_is_recorded(tmp_path, tree, office_a):
    people = PEOPLE.splitlines()[0] + "\nP8,Người xã A,M,1980-01-01,,,,,CB-DV-1\n"
    code, out, err = run_import(write_dataset(tmp_path, {"people": people}), "--user", "office_a")
    assert code == 0, err
    run = ImportRun.objects.get()
    assert run.user == office_a
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.get(uuid=run.uuid).user == office_a


def test_a_user_who_may_not_change_records_cannot_import(tmp_path, secretary_a):
    code, out, err = run_import(write_dataset(tmp_path, DATASET), "--user", "secretary_a")
    assert code == 1
    assert "You may not import data." in err


def test_scoped_export_holds_only_the_users_subtree(tmp_path, tree, office_a, person_a, person_b):
    counts = export_dataset(tmp_path / "out", user=office_a)
    assert counts["units"] == 2
    assert "P-B1" not in (tmp_path / "out" / "people.csv").read_text()
    assert "P-A1" in (tmp_path / "out" / "people.csv").read_text()
