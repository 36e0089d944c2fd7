"""People and posts an import creates share one audit entry per file (BulkCreation ranges);
each record's history still shows its creation with its own values, as an entry of its own
(AuditWriter.add) would hold them."""

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from dangbo.core import audit, records
from dangbo.core.models import BulkCreation
from dangbo.interchange.auditlog import AuditWriter
from dangbo.interchange.bulk import BATCH_SIZE
from dangbo.interchange.models import ImportRun
from dangbo.people.models import Person, Position
from tests.interchange.helpers import DATASET, PEOPLE, run_import, write_dataset

pytestmark = pytest.mark.django_db

# Blank optional fields, an empty title, long names.
MORE_PEOPLE = PEOPLE + (
    "P3,Lê Văn Cường,M,1980-01-01,,,,,\n"
    f"P4,{'Đặng ' * 49}Thị Dung,F,1981-12-31,Tày,Hà Giang,2005-01-01,,XN\n"
)
MORE_POSITIONS = '''person_code,unit_code,role,start_date,title,end_date
P1,XA,head,2015-01-01,Bí thư,2025-06-30
P2,XN,deputy,2025-07-01,,
P3,XN,member,2025-07-01,,
P4,XN,head,2025-07-02,"Bí thư, ""chính""",
'''


def own_creation(instance) -> dict:
    """The data AuditWriter.add writes for `instance` created by an import."""
    writer = AuditWriter(actor=None, source=audit.SOURCE_IMPORT, batch=ImportRun().uuid)
    writer.add(type(instance), instance.pk, str(instance), None, audit.snapshot(instance))
    return writer.pending.pop()[3]


def test_one_entry_per_file_and_each_record_shows_its_own_creation(tmp_path):
    files = dict(DATASET, people=MORE_PEOPLE, positions=MORE_POSITIONS)
    code, _out, err = run_import(write_dataset(tmp_path, files))
    assert code == 0, err
    run = ImportRun.objects.get()
    bulk = ModelLogEntry.objects.filter(uuid=run.uuid, action=audit.BULK_CREATE)
    assert sorted((e.data["model"], e.data["count"], e.data["file"]) for e in bulk) == [
        ("people.person", 4, "people.csv"),
        ("people.position", 4, "positions.csv"),
    ]
    assert {e.object_id for e in bulk} == {str(run.pk)}
    # Site history names the import, not each record.
    with translation.override("vi"):
        messages = {e.message for e in bulk}
    assert messages == {
        "Thêm mới 4 đảng viên qua nhập dữ liệu từ tệp people.csv",
        "Thêm mới 4 chức vụ qua nhập dữ liệu từ tệp positions.csv",
    }
    assert BulkCreation.objects.count() == 2  # one range per file: ids were consecutive
    records_ = [*Person.objects.all(), *Position.objects.all()]
    for instance in records_:
        (entry,) = audit.with_creation_values(audit.history(instance), instance)
        assert entry.action == audit.BULK_CREATE
        assert entry.timestamp == bulk[0].timestamp
        expected = own_creation(instance)
        for key in ("source", "before", "after", "changes"):
            assert entry.data[key] == expected[key], (instance, key)
    p3 = Person.objects.get(code="P3")
    with translation.override("vi"):
        message = audit.with_creation_values(audit.history(p3), p3)[0].message
    assert message.startswith("Thêm mới qua nhập dữ liệu: mã: — → P3; họ và tên: — → Lê Văn Cường")
    assert message.endswith("(một trong 4 bản ghi tạo từ tệp people.csv)")


def test_creation_values_are_those_before_the_first_later_change(tmp_path, superuser):
    run_import(write_dataset(tmp_path, DATASET))
    person = Person.objects.get(code="P1")
    imported = audit.snapshot(person)
    records.update(person, {"hometown": "Nghĩa Đồng"}, actor=superuser, source="screen")
    records.update(person, {"hometown": "Vinh"}, actor=superuser, source="screen")
    entries = audit.with_creation_values(audit.history(person), person)
    assert [e.action for e in entries] == [audit.UPDATE, audit.UPDATE, audit.BULK_CREATE]
    assert entries[-1].data["after"] == imported
    assert entries[-1].data["after"]["hometown"] == "Tân Kỳ"
    assert audit.snapshot(person)["hometown"] == "Vinh"


def test_a_record_not_created_in_bulk_has_no_bulk_entry(tmp_path, superuser, tree):
    run_import(write_dataset(tmp_path, DATASET))
    person = Person(
        code="S1", full_name="Hồ Văn Sáu", gender="M", birth_date="1980-01-01", unit=None
    )
    records.create(person, actor=superuser, source="screen")
    assert [e.action for e in audit.history(person)] == [audit.CREATE]


def test_a_dry_run_leaves_no_bulk_entry(tmp_path):
    code, _out, err = run_import(write_dataset(tmp_path, DATASET), "--dry-run")
    assert code == 0, err
    assert not BulkCreation.objects.exists()
    assert not ModelLogEntry.objects.exists()


def test_the_history_screen_shows_each_record_of_an_import(tmp_path, client, superuser):
    """Wagtail's history groups entries by uuid; an import's entries share one, and each
    record must still show its own (created in bulk, then updated by a second import)."""
    run_import(write_dataset(tmp_path / "a", DATASET))
    changed = dict(DATASET, people=DATASET["people"].replace("Tân Kỳ,", "Nghĩa Đồng,"))
    changed["people"] = changed["people"].replace("02/03/1975", "03/03/1975")
    run_import(write_dataset(tmp_path / "b", changed))
    client.force_login(superuser)
    for code, changed_text in (("P1", "Nghĩa Đồng"), ("P2", "03/03/1975")):
        person = Person.objects.get(code=code)
        url = reverse("person:history", args=(person.pk,))
        page = client.get(url).content.decode()
        assert changed_text in page  # the update of the second import
        assert "people.csv" in page and person.full_name in page  # the creation
        inspect = client.get(reverse("person:inspect", args=(person.pk,)))
        assert "people.csv" in inspect.content.decode()


@given(st.lists(st.integers(min_value=1, max_value=10_000), unique=True), st.integers(0, 20))
def test_id_ranges_hold_exactly_the_ids(ids, split):
    ranges = audit.id_ranges(ids[:split])
    ranges = audit.id_ranges(ids[split:], ranges)
    held = [pk for first, last in ranges for pk in range(first, last + 1)]
    assert sorted(held) == sorted(ids)
    assert all(first <= last for first, last in ranges)


def test_an_import_of_more_than_a_batch(tmp_path):
    """Several batches: the ranges join into one (consecutive ids), every record is found;
    on PostgreSQL the statistics are refreshed inside the import's transaction."""
    count = BATCH_SIZE + 1
    people_csv = (
        PEOPLE.splitlines()[0]
        + "\n"
        + "".join(f"Q{i},Người {i},M,1980-01-01,,,,,XN\n" for i in range(count))
    )
    posts_csv = (
        MORE_POSITIONS.splitlines()[0]
        + "\n"
        + "".join(f"Q{i},XN,member,2025-07-01,,\n" for i in range(count))
    )
    files = dict(DATASET, people=people_csv, positions=posts_csv)
    code, _out, err = run_import(write_dataset(tmp_path, files))
    assert code == 0, err
    assert [
        (r.first_id, r.last_id - r.first_id + 1) for r in BulkCreation.objects.order_by("pk")
    ] == [
        (Person.objects.order_by("pk").first().pk, count),
        (Position.objects.order_by("pk").first().pk, count),
    ]
    last = Person.objects.get(code=f"Q{count - 1}")
    (entry,) = audit.with_creation_values(audit.history(last), last)
    assert entry.data["after"]["full_name"] == f"Người {count - 1}"
    assert entry.data["count"] == count
