"""The preview before an import is confirmed: the rows to be added or changed, in words."""

import pytest
from django.urls import reverse

from dangbo.interchange import preview as preview_module
from dangbo.interchange.models import ImportRun
from dangbo.people.models import Person
from tests.interchange.helpers import PEOPLE
from tests.interchange.test_admin import zipped


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


pytestmark = pytest.mark.django_db

HEADER = PEOPLE.splitlines()[0]


def _preview_of(client, user, files):
    client.force_login(user)
    response = client.post(reverse("interchange_import"), {"file": zipped(files)})
    run = ImportRun.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    return run, client.get(response.url).content.decode()


def test_preview_shows_added_and_changed_rows_before_after(client, office_a, person_a, data_dir):
    people = (
        HEADER
        + "\nP-A1,Nguyễn Văn Ân,F,1980-01-01,,,,,X-DV"  # renamed, another gender and birth date
        + "\nP8,Người xã A,M,1981-02-03,,,,,X-DV\n"
    )
    before = person_a.birth_date
    run, page = _preview_of(client, office_a, {"people.csv": people})
    assert run.status == ImportRun.Status.PREVIEWED
    (file,) = [f for f in run.preview if f["file"] == "people"]
    rows = {row["label"]: row for row in file["rows"]}
    changed = rows["Nguyễn Văn Ân (P-A1)"]
    assert changed["action"] == "changed"
    changes = {c["field"]: (c["before"], c["after"]) for c in changed["changes"]}
    assert changes["Full name"] == ("Nguyễn Văn An", "Nguyễn Văn Ân")
    assert changes["Gender"] == ("Male", "Female")  # labels, not M/F
    assert changes["Birth date"] == (before.strftime("%d/%m/%Y"), "01/01/1980")
    added = rows["Người xã A (P8)"]
    assert added["action"] == "added"
    values = {c["field"]: c["after"] for c in added["changes"]}
    # The unit by its name, code beside (not its id).
    assert values["Current unit"] == "Đảng bộ xã Đồng Văn (X-DV)"
    assert values["Birth date"] == "03/02/1981"
    # The page says the same, before → after, and nothing was written.
    assert "Nguyễn Văn An → Nguyễn Văn Ân" in page
    assert "Đảng bộ xã Đồng Văn (X-DV)" in page
    assert Person.objects.get(code="P-A1").full_name == "Nguyễn Văn An"
    assert not Person.objects.filter(code="P8").exists()


def test_preview_of_a_big_file_shows_the_first_rows_and_counts_the_rest(
    client, office_a, data_dir, monkeypatch
):
    monkeypatch.setattr(preview_module, "PREVIEW_ROWS", 5)
    lines = [f"P{n},Người số {n},M,1980-01-01,,,,,X-DV" for n in range(12)]
    run, page = _preview_of(client, office_a, {"people.csv": "\n".join([HEADER, *lines]) + "\n"})
    (file,) = run.preview
    assert len(file["rows"]) == 5
    assert run.counts["people"]["created"] == 12
    assert "7" in page.split('id="preview"')[1]  # "and 7 more rows"
    assert not Person.objects.exists()


def test_unchanged_rows_are_not_listed(client, office_a, person_a, data_dir):
    p = person_a
    row = f"{p.code},{p.full_name},{p.gender},{p.birth_date},,,,,X-DV"
    # The factory's person may have other fields set: import its own values back first.
    run, _page = _preview_of(client, office_a, {"people.csv": f"{HEADER}\n{row}\n"})
    counts = run.counts["people"]
    listed = sum(len(f["rows"]) for f in run.preview)
    assert listed == counts["created"] + counts["updated"]


def test_dry_run_command_prints_the_preview(office_a, person_a, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "people.csv").write_text(
        HEADER + "\nP8,Người xã A,M,1981-02-03,,,,,X-DV\n", encoding="utf-8"
    )
    out = StringIO()
    call_command("import", str(folder), "--dry-run", "--quiet", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "+ Người xã A (P8)" in text and "Đảng bộ xã Đồng Văn (X-DV)" in text
    assert not Person.objects.filter(code="P8").exists()
