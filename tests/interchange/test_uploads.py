"""Uploads are bounded (size, unpacked size, files in the archive), a bad header is refused
before any row is read, and stored uploads are removed after DANGBO_UPLOAD_KEEP_DAYS."""

import io
import os
import time
import zipfile
from io import StringIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from dangbo.interchange.models import ImportRun
from dangbo.interchange.readers import SheetError
from dangbo.interchange.uploads import purge_uploads, store_upload
from dangbo.people.models import Person
from tests.interchange.helpers import PEOPLE, POSITIONS, run_import, write_dataset

pytestmark = pytest.mark.django_db

HEADER = PEOPLE.splitlines()[0]


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def zip_bytes(files: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/octet-stream")


def stored(data_dir) -> list:
    root = data_dir / "imports"
    return list(root.iterdir()) if root.exists() else []


def test_a_zip_bomb_is_refused_from_its_directory(settings, data_dir):
    settings.DANGBO_UPLOAD_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = zip_bytes({"people.csv": HEADER + "\n" + "0" * (20 * 1024 * 1024)})
    assert len(bomb) < 64 * 1024
    with pytest.raises(SheetError, match="unpacks to more than 1.0"):
        store_upload(upload("bomb.zip", bomb))
    assert stored(data_dir) == []


def test_a_zip_whose_directory_lies_is_stopped_while_unpacking(settings, data_dir):
    settings.DANGBO_UPLOAD_MAX_UNPACKED_BYTES = 1024 * 1024
    content = zip_bytes({"people.csv": "0" * (3 * 1024 * 1024)}, zipfile.ZIP_STORED)
    # The directory says 10 bytes; zipfile then stops reading (a damaged archive).
    lying = content.replace((3 * 1024 * 1024).to_bytes(4, "little"), (10).to_bytes(4, "little"))
    assert lying != content
    with pytest.raises(SheetError):
        store_upload(upload("lying.zip", lying))
    assert stored(data_dir) == []


def test_too_many_files_in_a_zip(settings, data_dir):
    settings.DANGBO_UPLOAD_MAX_MEMBERS = 5
    archive = zip_bytes({f"f{i}.csv": "x" for i in range(6)})
    with pytest.raises(SheetError, match="holds 6 files; at most 5"):
        store_upload(upload("many.zip", archive))


def test_an_xlsx_bomb_is_refused_before_openpyxl_reads_it(settings, data_dir):
    settings.DANGBO_UPLOAD_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = zip_bytes({"[Content_Types].xml": "<x/>", "xl/worksheets/sheet1.xml": " " * 5_000_000})
    with pytest.raises(SheetError, match="unpacks to more than"):
        store_upload(upload("bomb.xlsx", bomb))


def test_a_file_that_is_not_a_zip(data_dir):
    with pytest.raises(SheetError, match="not an .xlsx workbook"):
        store_upload(upload("fake.xlsx", b"not a zip"))
    with pytest.raises(SheetError, match="not a .zip archive"):
        store_upload(upload("fake.zip", b"not a zip"))
    assert stored(data_dir) == []


def test_the_screen_refuses_a_large_upload_before_reading_it(client, superuser, settings, data_dir):
    settings.DANGBO_UPLOAD_MAX_BYTES = 100 * 1024
    client.force_login(superuser)
    big = zip_bytes({"people.csv": os.urandom(300 * 1024)}, zipfile.ZIP_STORED)
    response = client.post(reverse("interchange_import"), {"file": upload("big.zip", big)})
    assert response.status_code == 413
    assert "at most 100.0" in response.content.decode()
    assert not ImportRun.objects.exists()
    assert stored(data_dir) == []


def test_the_screen_shows_an_upload_refusal_as_a_field_error(client, superuser, settings, data_dir):
    settings.DANGBO_UPLOAD_MAX_MEMBERS = 2
    client.force_login(superuser)
    archive = zip_bytes({f"f{i}.csv": "x" for i in range(3)})
    response = client.post(reverse("interchange_import"), {"file": upload("many.zip", archive)})
    assert response.status_code == 200
    assert "holds 3 files; at most 2" in str(response.context["form"].errors["file"])


def xlsx_with(sheets: dict[str, list[list]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_bad_header_is_refused_before_any_row_is_read(tmp_path):
    # people has a bad row; positions a misspelled header: only the header is reported,
    # so no row of people was checked.
    people = [HEADER.split(","), ["P9", "Lê Văn Chín", "M", "31/02/2020"]]
    positions = [line.split(",") for line in POSITIONS.splitlines()]
    positions[0][0] = "person_cdoe"
    path = tmp_path / "dataset.xlsx"
    path.write_bytes(xlsx_with({"people": people, "positions": positions}))
    code, out, err = run_import(path)
    assert code == 1
    errors = ImportRun.objects.get().errors
    assert [(e["file"], e["row"], e["column"]) for e in errors] == [("positions", 1, "person_cdoe")]
    assert "did you mean “person_code”" in errors[0]["message"]


def test_a_csv_with_a_bad_header_is_refused_before_any_row_is_read(tmp_path):
    people = HEADER + "\nP9,Lê Văn Chín,M,31/02/2020,,,,,\n"
    positions = POSITIONS.replace("role", "rloe")
    run_import(write_dataset(tmp_path, {"people": people, "positions": positions}))
    errors = ImportRun.objects.get().errors
    assert [(e["file"], e["row"], e["column"]) for e in errors] == [("positions", 1, "rloe")]


def old(path, days):
    stamp = time.time() - days * 86400
    os.utime(path, (stamp, stamp))


def test_purge_removes_uploads_older_than_the_kept_days(client, office_a, settings, data_dir):
    settings.DANGBO_UPLOAD_KEEP_DAYS = 30
    client.force_login(office_a)
    people = HEADER + "\nP8,Người xã A,M,1980-01-01,,,,,X-DV\n"
    archive = zip_bytes({"people.csv": people})
    client.post(reverse("interchange_import"), {"file": upload("a.zip", archive)})
    preview = ImportRun.objects.get()
    assert preview.stored_path
    (folder,) = stored(data_dir)
    old(folder, 29)
    assert purge_uploads() == 0
    old(folder, 31)
    out = StringIO()
    call_command("purge_uploads", stdout=out)
    assert "1 upload(s) older than 30 day(s) removed." in out.getvalue()
    assert stored(data_dir) == []
    preview.refresh_from_db()
    assert preview.stored_path == ""  # no longer offered for confirmation
    page = client.get(reverse("interchange_run", args=[preview.pk]))
    assert page.status_code == 200 and not page.context["may_confirm"]


def test_each_upload_purges_the_old_ones(client, office_a, settings, data_dir):
    settings.DANGBO_UPLOAD_KEEP_DAYS = 0
    client.force_login(office_a)
    people = HEADER + "\nP8,Người xã A,M,1980-01-01,,,,,X-DV\n"
    client.post(
        reverse("interchange_import"), {"file": upload("a.zip", zip_bytes({"people.csv": people}))}
    )
    (first,) = stored(data_dir)
    old(first, 1)
    client.post(
        reverse("interchange_import"), {"file": upload("b.zip", zip_bytes({"people.csv": people}))}
    )
    (second,) = stored(data_dir)
    assert second != first  # the new one is kept, the old one purged


def test_a_rejected_preview_keeps_no_file(client, office_a, data_dir):
    client.force_login(office_a)
    people = HEADER + "\nP8,Người xã A,M,31/02/1980,,,,,X-DV\n"
    client.post(
        reverse("interchange_import"), {"file": upload("a.zip", zip_bytes({"people.csv": people}))}
    )
    run = ImportRun.objects.get()
    assert run.error_count and run.stored_path == ""
    assert stored(data_dir) == []


def test_a_long_file_name_is_recorded_cut(client, superuser, data_dir):
    client.force_login(superuser)
    people = HEADER + "\nP8,Người,M,1980-01-01,,,,,\n"
    name = "a" * 300 + ".zip"
    response = client.post(
        reverse("interchange_import"), {"file": upload(name, zip_bytes({"people.csv": people}))}
    )
    assert response.status_code == 302
    assert len(ImportRun.objects.get().file_name) == 255


def test_a_workbook_without_dimensions_is_read_whole(tmp_path):
    # openpyxl's write-only mode, like other tools, writes no <dimension>: the reader finds
    # the header without parsing the sheet, and still reads every row.
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("people")
    sheet.append(HEADER.split(","))
    for n in range(300):
        sheet.append([f"P{n}", f"Người {n}", "M", "1970-05-17", "", "", "", "", ""])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        assert b"<dimension" not in archive.read("xl/worksheets/sheet1.xml")
    code, out, err = run_import(path)
    assert code == 0, err
    assert Person.objects.count() == 300
