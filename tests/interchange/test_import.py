from datetime import date

import pytest
from wagtail.models import ModelLogEntry

from dangbo.core import audit
from dangbo.interchange.models import ImportRun
from dangbo.org.models import Unit, UnitEvent
from dangbo.people.models import Person, Position
from tests.interchange.helpers import DATASET, run_import, write_dataset

pytestmark = pytest.mark.django_db


def test_imports_a_dataset_with_counts(tmp_path):
    code, out, err = run_import(write_dataset(tmp_path, DATASET))
    assert code == 0, err
    assert "units: 5 created, 0 updated, 0 unchanged" in out
    assert Unit.objects.count() == 5
    xn = Unit.objects.get(code="XN")
    tu, hu, xa = (Unit.objects.get(code=code) for code in ("TU", "HU", "XA"))
    assert xn.path == f"/{tu.pk}/{xn.pk}/"
    assert xa.path == f"/{tu.pk}/{hu.pk}/{xa.pk}/"
    assert Unit.objects.get(code="XA").search_text == "xa dang bo xa a"
    assert Person.objects.get(code="P2").search_text == "p2 tran thi binh"
    assert Person.objects.get(code="P2").gender == "F"
    assert Person.objects.get(code="P2").birth_date == date(1975, 3, 2)
    merge = UnitEvent.objects.get(kind="merge")
    assert set(merge.sources.values_list("code", flat=True)) == {"XA", "XB"}
    assert merge.source_codes == "XA XB"
    assert Position.objects.count() == 2
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE
    assert run.counts["people"]["created"] == 2


def test_same_data_twice_changes_nothing(tmp_path):
    folder = write_dataset(tmp_path, DATASET)
    run_import(folder)
    entries = ModelLogEntry.objects.count()
    code, out, err = run_import(folder)
    assert code == 0, err
    run = ImportRun.objects.order_by("-pk").first()
    for counts in run.counts.values():
        assert counts["created"] == 0
        assert counts["updated"] == 0
    assert ModelLogEntry.objects.count() == entries


def test_every_created_record_is_audited_in_one_batch(tmp_path):
    run_import(write_dataset(tmp_path, DATASET))
    run = ImportRun.objects.get()
    entries = ModelLogEntry.objects.filter(uuid=run.uuid)
    # An entry per unit and event; one per file for people and for posts (bulk).
    assert entries.count() == 5 + 3 + 1 + 1
    person = Person.objects.get(code="P1")
    (entry,) = audit.with_creation_values(audit.history(person), person)
    assert entry.uuid == run.uuid
    assert entry.data["source"] == "import"
    assert entry.data["before"] is None
    assert entry.data["after"]["birth_date"] == "1970-05-17"


def test_a_changed_row_updates_the_record_and_is_audited(tmp_path):
    run_import(write_dataset(tmp_path / "a", DATASET))
    changed = dict(DATASET, people=DATASET["people"].replace("Tân Kỳ,", "Nghĩa Đồng,"))
    code, out, err = run_import(write_dataset(tmp_path / "b", changed))
    assert code == 0, err
    person = Person.objects.get(code="P1")
    assert person.hometown == "Nghĩa Đồng"
    run = ImportRun.objects.order_by("-pk").first()
    assert run.counts["people"] == {
        "created": 0,
        "updated": 1,
        "unchanged": 1,
        "rejected": 0,
    }
    entry = ModelLogEntry.objects.get(uuid=run.uuid)
    assert entry.action == "dangbo.update"
    assert entry.data["changes"] == {"hometown": ["Tân Kỳ", "Nghĩa Đồng"]}
    assert entry.data["before"]["hometown"] == "Tân Kỳ"


def test_dry_run_writes_nothing_but_counts(tmp_path):
    code, out, err = run_import(write_dataset(tmp_path, DATASET), "--dry-run")
    assert code == 0, err
    assert Unit.objects.count() == 0
    assert ModelLogEntry.objects.count() == 0
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.PREVIEWED
    assert run.counts["units"]["created"] == 5


def test_event_fills_blank_dates_of_the_units_file(tmp_path):
    units = DATASET["units"].replace(
        "XN,Đảng bộ xã Mới,grassroots_committee,TU,2025-07-01,",
        "XN,Đảng bộ xã Mới,grassroots_committee,TU,,",
    )
    units = units.replace(
        "XB,Đảng bộ xã B,grassroots_committee,HU,,2025-06-30",
        "XB,Đảng bộ xã B,grassroots_committee,HU,,",
    )
    code, out, err = run_import(write_dataset(tmp_path, dict(DATASET, units=units)))
    assert code == 0, err
    assert Unit.objects.get(code="XN").valid_from == date(2025, 7, 1)
    assert Unit.objects.get(code="XB").valid_to == date(2025, 6, 30)


def test_partial_writes_good_rows_and_names_the_others(tmp_path):
    people = DATASET["people"] + "P3,Lê Văn Cường,X,1980-01-01,,,,,XA\n"
    positions = DATASET["positions"] + "P3,XA,member,2016-01-01,,2020-01-01\n"
    folder = write_dataset(tmp_path, dict(DATASET, people=people, positions=positions))
    code, out, err = run_import(folder, "--partial")
    assert code == 2
    assert (
        "people.csv (Đảng viên), row 4, column gender (Giới tính), value “X”: "
        "Gender must be M/F (Nam/Nữ)." in err
    )
    assert (
        "positions.csv (Chức vụ), row 4, column person_code (Mã người), value “P3”: "
        "The person P3 was rejected" in err
    )
    assert set(Person.objects.values_list("code", flat=True)) == {"P1", "P2"}
    assert Position.objects.count() == 2
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.PARTIAL
    assert run.counts["people"]["rejected"] == 1
    assert run.counts["positions"]["rejected"] == 1
    assert {(e["file"], e["row"]) for e in run.errors} == {("people", 4), ("positions", 4)}


def test_posts_of_people_of_the_file_and_of_stored_people_in_one_import(tmp_path):
    """Post rows find their people among those the import just wrote and among stored ones."""
    run_import(write_dataset(tmp_path / "a", DATASET))
    header = DATASET["people"].splitlines()[0]
    more = {
        "people": f"{header}\nP3,Lê Văn Cường,M,1980-01-01,,,,,XN\n",
        "positions": "person_code,unit_code,role,start_date,title,end_date\n"
        "P1,XN,member,2025-07-01,,\nP3,XN,member,2025-07-01,,\n",
    }
    code, _out, err = run_import(write_dataset(tmp_path / "b", more))
    assert code == 0, err
    joined = Position.objects.filter(start_date=date(2025, 7, 1), role="member")
    assert sorted(joined.values_list("person__code", "unit__code")) == [
        ("P1", "XN"),
        ("P3", "XN"),
    ]
