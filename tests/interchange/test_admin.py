import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangbo.interchange.models import ImportRun
from dangbo.people.models import Person
from tests.interchange.helpers import PEOPLE

pytestmark = pytest.mark.django_db

HEADER = PEOPLE.splitlines()[0]


def zipped(files: dict[str, str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return SimpleUploadedFile("dataset.zip", buffer.getvalue(), "application/zip")


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_upload_preview_confirm(client, office_a, data_dir):
    client.force_login(office_a)
    people = HEADER + "\nP8,Người xã A,M,1980-01-01,,,,,X-DV\n"
    response = client.post(reverse("interchange_import"), {"file": zipped({"people.csv": people})})
    preview = ImportRun.objects.get()
    assert response.url == reverse("interchange_run", args=[preview.pk])
    assert preview.status == ImportRun.Status.PREVIEWED
    assert (data_dir / "imports").exists()
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Confirm" in page.content.decode() or "Xác nhận" in page.content.decode()
    assert not Person.objects.exists()
    result = client.post(response.url)
    run = ImportRun.objects.exclude(pk=preview.pk).get()
    assert result.url == reverse("interchange_run", args=[run.pk])
    assert run.status == ImportRun.Status.DONE and run.user == office_a
    assert Person.objects.get(code="P8").unit.code == "X-DV"
    assert client.get(result.url).status_code == 200


def test_preview_lists_every_error_and_offers_no_confirm(client, office_a, data_dir):
    client.force_login(office_a)
    people = HEADER + "\nP9,Người xã B,M,1980-01-01,,,,,X-TX\n"
    response = client.post(reverse("interchange_import"), {"file": zipped({"people.csv": people})})
    page = client.get(response.url).content.decode()
    assert "X-TX" in page
    assert 'type="submit"' not in page.split("</table>")[-1]
    client.post(response.url)
    assert not Person.objects.exists()


def test_only_record_keepers_may_import(client, secretary_a, data_dir):
    client.force_login(secretary_a)
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    response = client.get(reverse("interchange_import"))
    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"


def test_export_downloads_the_users_data(client, office_a, person_a, person_b):
    client.force_login(office_a)
    response = client.get(reverse("interchange_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    codes = [row[0] for row in workbook["people"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["P-A1"]
