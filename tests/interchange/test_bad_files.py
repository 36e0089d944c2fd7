"""Bad files, each through `dangbo import` and through the upload screen.

Every file gets a message naming the file, row, column and value, in Vietnamese on the
screen; `dangbo import` exits with 1; nothing is written; nothing answers 500. The suite
runs on SQLite and on PostgreSQL, which refuses what SQLite silently stores (a NUL byte, a
number too large for its column, a text too long).
"""

import io
import unicodedata
import zipfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from dangbo.interchange.models import ImportRun
from dangbo.org.models import Unit, UnitEvent
from dangbo.people.models import Person
from tests.interchange.helpers import DATASET, PEOPLE, POSITIONS, UNITS, run_import, write_dataset
from tests.interchange.test_records import ASSESSMENTS, RATINGS, ROTATIONS

pytestmark = pytest.mark.django_db

PEOPLE_HEADER = PEOPLE.splitlines()[0]
POSITIONS_HEADER = POSITIONS.splitlines()[0]
UNITS_HEADER = UNITS.splitlines()[0]
ROTATIONS_HEADER = ROTATIONS.splitlines()[0]


def person(name="Lê Văn Chín", code="P9", birth="1980-01-01", unit=""):
    return f"{PEOPLE_HEADER}\n{code},{name},M,{birth},,,,,{unit}\n"


def rotation(months):
    return ROTATIONS_HEADER + f"\nR5,P1,XB,head,2020-01-01,{months},,,,,,\n"


def with_dataset(**files):
    return {**DATASET, **files}


# (id, files, (file, row, column, value as reported), English message, exactly one error)
BAD_FILES = [
    (
        "score-1e308",
        with_dataset(assessments=ASSESSMENTS.replace(",41,", ",1e308,")),
        ("assessments", 2, "score", "1e308"),
        "far too large",
        True,
    ),
    (
        "score-nan",
        with_dataset(assessments=ASSESSMENTS.replace(",41,", ",NaN,")),
        ("assessments", 2, "score", "NaN"),
        "A number is expected",
        True,
    ),
    (
        "rating-score-1000",
        with_dataset(ratings=RATINGS.replace("85.5", "1000")),
        ("ratings", 3, "score", "1000"),
        "between 0 and 100",
        True,
    ),
    (
        "planned-months-20-digits",
        with_dataset(rotations=rotation("99999999999999999999")),
        ("rotations", 2, "planned_months", "99999999999999999999"),
        "far too large",
        True,
    ),
    (
        "planned-months-40000",
        with_dataset(rotations=rotation("40000")),
        ("rotations", 2, "planned_months", "40000"),
        "between 1 and 600",
        True,
    ),
    (
        "planned-months-arabic-digits",
        with_dataset(rotations=rotation("١٢")),
        ("rotations", 2, "planned_months", "١٢"),
        "A whole number is expected",
        True,
    ),
    (
        "name-420-characters",
        {"people": person(name="A" * 420)},
        ("people", 2, "full_name", "A" * 120 + "…"),
        "The text has 420 characters; at most 255 fit.",
        True,
    ),
    (
        "unit-name-256-characters",
        {"units": UNITS_HEADER + "\nTU," + "Đ" * 256 + ",province_committee,,,\n"},
        ("units", 2, "name", "Đ" * 120 + "…"),
        "at most 255 fit",
        True,
    ),
    (
        "name-with-nul",
        {"people": person(name="Lê Văn\x00 Chín")},
        ("people", 2, "full_name", "Lê Văn<U+0000> Chín"),
        "(U+0000, character 7)",
        True,
    ),
    (
        "name-with-escape",
        {"people": person(name="Lê\x1b[31m Văn")},
        ("people", 2, "full_name", "Lê<U+001B>[31m Văn"),
        "U+001B",
        True,
    ),
    (
        "name-with-c1-control",
        {"people": person(name="Lê\x85Văn")},
        ("people", 2, "full_name", "Lê<U+0085>Văn"),
        "U+0085",
        True,
    ),
    (
        "name-with-bidi-override",
        {"units": UNITS_HEADER + "\nTU,Tỉnh \u202eủy,province_committee,,,\n"},
        ("units", 2, "name", "Tỉnh <U+202E>ủy"),
        "U+202E",
        True,
    ),
    (
        "name-with-bidi-isolate",
        {"people": person(name="Lê \u2067Văn\u2069")},
        ("people", 2, "full_name", "Lê <U+2067>Văn<U+2069>"),
        "U+2067",
        True,
    ),
    (
        "title-with-newline",
        with_dataset(positions=POSITIONS_HEADER + '\nP1,XA,head,2015-01-01,"Bí\nthư",2025-06-30\n'),
        ("positions", 2, "title", "Bí<U+000A>thư"),
        "U+000A",
        True,
    ),
    (
        # The units file's header is misspelled: one message, not one per row of every
        # file that names a unit.
        "misspelled-column-one-message",
        with_dataset(units=UNITS.replace("parent_code", "parent_cdoe")),
        ("units", 1, "parent_cdoe", "parent_cdoe"),
        "did you mean “parent_code”",
        True,
    ),
    (
        "misspelled-column",
        {"people": PEOPLE.replace("full_name", "fullname")},
        ("people", 1, "fullname", "fullname"),
        "did you mean “full_name”",
        True,
    ),
    (
        "missing-column-one-message",
        with_dataset(units=UNITS.replace(",kind", ",ghi_chu")),
        ("units", 1, "ghi_chu", "ghi_chu"),
        "Unknown column",
        False,
    ),
    (
        "missing-required-column",
        {"people": PEOPLE.replace(",birth_date", ",")},
        ("people", 1, "", ""),
        "The required column birth_date (ngày sinh) is missing.",
        True,
    ),
    (
        "unknown-unit-code",
        {"units": UNITS, "people": person(unit="NOPE")},
        ("people", 2, "unit_code", "NOPE"),
        "Unknown unit code NOPE",
        True,
    ),
    (
        "end-before-start",
        with_dataset(positions=POSITIONS_HEADER + "\nP1,XA,member,2020-01-01,,2019-01-01\n"),
        ("positions", 2, "end_date", "2019-01-01"),
        "is before the start date",
        True,
    ),
    (
        "day-that-does-not-exist",
        {"people": person(birth="31/02/2020")},
        ("people", 2, "birth_date", "31/02/2020"),
        "does not exist",
        True,
    ),
    (
        "duplicate-code",
        with_dataset(units=UNITS + "XB,Đảng bộ xã B lặp,grassroots_committee,HU,,2025-06-30\n"),
        ("units", 7, "code", "XB"),
        "first on row 5",
        True,
    ),
    (
        "post-outliving-its-unit",
        with_dataset(positions=POSITIONS_HEADER + "\nP1,XA,member,2020-01-01,,\n"),
        ("positions", 2, "start_date", "2020-01-01"),
        "ended on 30/06/2025",
        True,
    ),
    (
        "file-not-utf8",
        {"people": PEOPLE.encode("cp1258", errors="replace")},
        ("people", 0, "", ""),
        "people.csv is not UTF-8",
        True,
    ),
    (
        "empty-file",
        {"people": ""},
        ("people", 0, "", ""),
        "The file is empty",
        True,
    ),
    (
        "code-with-spaces",
        {"people": person(code="P 9")},
        ("people", 2, "code", "P 9"),
        "no spaces",
        True,
    ),
]
IDS = [case[0] for case in BAD_FILES]


def nothing_written():
    data_apps = ("org", "people", "rotation", "assessment", "supervision", "discipline", "ratings")
    for label in data_apps:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label == "ratings.RatingGroup":
                continue  # the kept list of groups, seeded by its migration: not imported
            assert not model.objects.exists(), model


def found(errors, where):
    return [e for e in errors if (e["file"], e["row"], e["column"], e["value"]) == where]


@pytest.mark.parametrize(("case", "files", "where", "message", "alone"), BAD_FILES, ids=IDS)
def test_bad_file_by_command(tmp_path, case, files, where, message, alone):
    code, out, err = run_import(write_dataset(tmp_path / "dataset", files))
    assert code == 1, (out, err)
    assert "Traceback" not in err
    nothing_written()
    errors = ImportRun.objects.get().errors
    if alone:
        assert len(errors) == 1, errors
    matching = found(errors, where)
    assert matching, errors
    assert message in matching[0]["message"], matching


def zipped(files: dict) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(f"{name}.csv", content)
    return SimpleUploadedFile("dataset.zip", buffer.getvalue(), "application/zip")


@pytest.mark.parametrize(("case", "files", "where", "message", "alone"), BAD_FILES, ids=IDS)
def test_bad_file_on_the_upload_screen(
    client, superuser, settings, tmp_path, case, files, where, message, alone
):
    settings.DATA_DIR = tmp_path
    client.force_login(superuser)
    with translation.override("en"):
        english = _upload(client, files)
    with translation.override("vi"):
        vietnamese = _upload(client, files)
    nothing_written()
    for errors in (english, vietnamese):
        if alone:
            assert len(errors) == 1, errors
        assert found(errors, where), errors
    assert message in found(english, where)[0]["message"]
    # The same problems, each said in Vietnamese.
    assert [e["message"] for e in vietnamese] != [e["message"] for e in english]
    for en, vi in zip(english, vietnamese, strict=True):
        assert {k: v for k, v in en.items() if k != "message"} == {
            k: v for k, v in vi.items() if k != "message"
        }
        assert en["message"] != vi["message"], en


def _upload(client, files) -> list[dict]:
    response = client.post(
        reverse("interchange_import"), {"file": zipped(files)}, HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response.url)
    assert page.status_code == 200
    run = ImportRun.objects.order_by("-pk").first()
    assert run.status == ImportRun.Status.PREVIEWED and run.error_count
    return run.errors


def test_text_is_stored_in_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    assert decomposed != "Nguyễn Thị Hường"
    code, out, err = run_import(write_dataset(tmp_path, {"people": person(name=decomposed)}))
    assert code == 0, err
    assert Person.objects.get().full_name == "Nguyễn Thị Hường"


def test_a_note_keeps_its_tabs_and_line_breaks(tmp_path):
    events = (
        "date,kind,sources,targets,name,note\n"
        '2019-01-01,rename,XA,XA,Đảng bộ xã A,"Đổi tên\n\tlần 1"\n'
    )
    code, out, err = run_import(write_dataset(tmp_path, {"units": UNITS, "unit_events": events}))
    assert code == 0, err
    assert UnitEvent.objects.get().note == "Đổi tên\n\tlần 1"


def test_the_longest_name_that_fits_is_stored(tmp_path):
    units = UNITS_HEADER + "\nTU," + "Đ" * 255 + ",province_committee,,,\n"
    code, out, err = run_import(write_dataset(tmp_path, {"units": units}))
    assert code == 0, err
    assert len(Unit.objects.get().name) == 255


def test_bounds_at_the_edges(tmp_path):
    files = with_dataset(rotations=rotation("600"))
    code, out, err = run_import(write_dataset(tmp_path, files))
    assert code == 0, err
