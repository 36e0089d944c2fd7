"""Bad input a new user would produce: each gets a clear message and nothing is written."""

import pytest

from dangbo.interchange.models import ImportRun
from dangbo.org.models import Unit
from tests.interchange.helpers import (
    DATASET,
    EVENTS,
    PEOPLE,
    POSITIONS,
    UNITS,
    run_import,
    write_dataset,
)

pytestmark = pytest.mark.django_db

PEOPLE_HEADER = PEOPLE.splitlines()[0]
POSITIONS_HEADER = POSITIONS.splitlines()[0]


def rejected(tmp_path, files) -> list[dict]:
    code, out, err = run_import(write_dataset(tmp_path, files))
    assert code == 1, out
    assert "Traceback" not in err
    assert Unit.objects.count() == 0
    return ImportRun.objects.get().errors


def one_error(tmp_path, files) -> dict:
    errors = rejected(tmp_path, files)
    assert len(errors) == 1, errors
    return errors[0]


def test_misspelled_column_suggests_the_closest_header(tmp_path):
    error = one_error(tmp_path, {"people": PEOPLE.replace("full_name", "fullname")})
    assert (error["file"], error["row"], error["column"]) == ("people", 1, "fullname")
    assert "did you mean “full_name”" in error["message"]


def test_missing_required_column(tmp_path):
    errors = rejected(tmp_path, {"people": PEOPLE.replace(",birth_date", ",ghi_chu")})
    assert any(
        "The required column birth_date (ngày sinh) is missing." in e["message"] for e in errors
    )


def test_vietnamese_headers_any_case_and_diacritics(tmp_path):
    units = "Code,TÊN,loai,Mã cấp trên,tu ngay,Đến Ngày\nTU,Tỉnh ủy,province_committee,,,\n"
    code, out, err = run_import(write_dataset(tmp_path, {"units": units}))
    assert code == 0, err
    assert Unit.objects.get(code="TU").name == "Tỉnh ủy"


def test_bom_is_accepted(tmp_path):
    code, out, err = run_import(write_dataset(tmp_path, {"units": "\ufeff" + UNITS}))
    assert code == 0, err


def test_unknown_code(tmp_path):
    people = PEOPLE_HEADER + "\nP9,Lê Văn Chín,M,1980-01-01,,,,,NOPE\n"
    error = one_error(tmp_path, {"units": UNITS, "people": people})
    assert (error["row"], error["column"], error["value"]) == (2, "unit_code", "NOPE")
    assert "Unknown unit code NOPE" in error["message"]


def test_end_before_start(tmp_path):
    positions = POSITIONS_HEADER + "\nP1,XA,member,2020-01-01,,2019-01-01\n"
    error = one_error(tmp_path, dict(DATASET, positions=positions))
    assert (error["file"], error["column"]) == ("positions", "end_date")
    assert "is before the start date" in error["message"]


def test_a_day_that_does_not_exist(tmp_path):
    people = PEOPLE_HEADER + "\nP9,Lê Văn Chín,M,31/02/2020,,,,,\n"
    error = one_error(tmp_path, {"people": people})
    assert (error["row"], error["column"], error["value"]) == (2, "birth_date", "31/02/2020")
    assert "does not exist" in error["message"]


def test_duplicate_code_in_a_file(tmp_path):
    units = UNITS + "XB,Đảng bộ xã B lặp,grassroots_committee,HU,,2025-06-30\n"
    error = one_error(tmp_path, dict(DATASET, units=units))
    assert (error["row"], error["column"], error["value"]) == (7, "code", "XB")
    assert "first on row 5" in error["message"]


def test_a_cycle_of_parents(tmp_path):
    units = "code,name,kind,parent_code\nA,A,branch,B\nB,B,branch,C\nC,C,branch,A\n"
    errors = rejected(tmp_path, {"units": units})
    assert {e["row"] for e in errors} == {2, 3, 4}
    assert "loop: A → B → C → A" in errors[0]["message"]


def test_post_in_a_unit_that_did_not_exist_then(tmp_path):
    positions = POSITIONS_HEADER + "\nP2,XN,member,2020-01-01,,\n"
    error = one_error(tmp_path, dict(DATASET, positions=positions))
    assert error["column"] == "start_date"
    assert "only exists from 01/07/2025" in error["message"]


def test_post_outliving_its_ended_unit(tmp_path):
    positions = POSITIONS_HEADER + "\nP1,XA,member,2020-01-01,,\n"
    error = one_error(tmp_path, dict(DATASET, positions=positions))
    assert "ended on 30/06/2025" in error["message"]


def test_unit_valid_outside_its_parent(tmp_path):
    units = UNITS + "XC,Xã C,grassroots_committee,HU,2020-01-01,2026-01-01\n"
    error = one_error(tmp_path, dict(DATASET, units=units))
    assert (error["file"], error["row"], error["column"]) == ("units", 7, "parent_code")
    assert "The parent unit Huyện ủy (HU) ended on 30/06/2025" in error["message"]


def test_event_contradicting_the_units_file(tmp_path):
    units = UNITS.replace(
        "XB,Đảng bộ xã B,grassroots_committee,HU,,2025-06-30",
        "XB,Đảng bộ xã B,grassroots_committee,HU,,2024-01-01",
    )
    errors = rejected(tmp_path, dict(DATASET, units=units))
    assert any(
        e["file"] == "unit_events" and e["value"] == "XB" and "ends on 01/01/2024" in e["message"]
        for e in errors
    )


def test_event_of_the_wrong_shape(tmp_path):
    events = "date,kind,sources,targets\n2025-07-01,merge,XA,XN\n"
    error = one_error(tmp_path, {"units": UNITS, "unit_events": events})
    assert "A merger joins two or more units." in error["message"]


def test_file_not_utf8(tmp_path):
    data = PEOPLE.encode("cp1258", errors="replace")
    error = one_error(tmp_path, {"people": data})
    assert error["row"] == 0
    assert "people.csv is not UTF-8" in error["message"]
    assert "CSV UTF-8" in error["message"]


def test_empty_file(tmp_path):
    error = one_error(tmp_path, {"people": ""})
    assert "The file is empty" in error["message"]


def test_code_with_spaces(tmp_path):
    people = PEOPLE_HEADER + "\nP 9,Lê Văn Chín,M,1980-01-01,,,,,\n"
    error = one_error(tmp_path, {"people": people})
    assert (error["column"], error["value"]) == ("code", "P 9")
    assert "no spaces" in error["message"]


def test_unknown_file_is_a_warning(tmp_path):
    code, out, err = run_import(write_dataset(tmp_path, {"units": UNITS, "ghi_chu": "x\n"}))
    assert code == 0
    assert "ghi_chu.csv is not a dataset file" in err


def test_gender_words(tmp_path):
    people = (
        PEOPLE_HEADER
        + "\n"
        + "\n".join(
            f"P{i},Tên {i},{g},1980-01-01,,,,," for i, g in enumerate(["M", "F", "Nam", "Nữ", "nữ"])
        )
    )
    code, out, err = run_import(write_dataset(tmp_path, {"people": people}))
    assert code == 0, err
    from dangbo.people.models import Person

    assert list(Person.objects.order_by("code").values_list("gender", flat=True)) == list("MFMFF")


def test_events_only_file_referring_to_unknown_units(tmp_path):
    errors = rejected(tmp_path, {"unit_events": EVENTS})
    assert all("Unknown unit code" in e["message"] for e in errors)
