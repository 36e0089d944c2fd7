"""Audit entries of created records are built by the database (AuditWriter.add_created);
they must be the entries the Python path (AuditWriter.add) makes, field for field."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from dangbo.core import audit
from dangbo.interchange.auditlog import AuditWriter
from dangbo.interchange.models import ImportRun
from dangbo.people.models import Person, Position
from tests.interchange.helpers import DATASET, PEOPLE, run_import, write_dataset

pytestmark = pytest.mark.django_db

# Blank optional fields, an empty title (the label falls back to the role), long names.
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


def python_entry(writer: AuditWriter, instance) -> tuple:
    """The entry AuditWriter.add writes for `instance` created by an import."""
    after = audit.snapshot(instance)
    writer.add(type(instance), instance.pk, str(instance), None, after)
    entry = writer.pending.pop()
    return entry[1], entry[2], entry[3]


def test_sql_built_entries_equal_the_python_ones(tmp_path):
    files = dict(DATASET, people=MORE_PEOPLE, positions=MORE_POSITIONS)
    code, _out, err = run_import(write_dataset(tmp_path, files))
    assert code == 0, err
    run = ImportRun.objects.get()
    writer = AuditWriter(actor=None, source=audit.SOURCE_IMPORT, batch=run.uuid)
    records = [*Person.objects.all(), *Position.objects.select_related("unit")]
    assert len(records) == 8
    for instance in records:
        entry = ModelLogEntry.objects.get(
            content_type=ContentType.objects.get_for_model(type(instance)),
            object_id=str(instance.pk),
        )
        label, action, data = python_entry(writer, instance)
        assert (entry.label, entry.action) == (label, action)
        assert entry.data == json.loads(json.dumps(data))
        assert entry.uuid == run.uuid
        assert entry.user_id is None
        assert entry.content_changed and not entry.deleted
    long_label = ModelLogEntry.objects.for_instance(Person.objects.get(code="P4")).get()
    assert len(long_label.label) == 255


def test_a_second_import_mixes_updates_and_creations(tmp_path):
    """Stored records are looked up (Python path), new ones audited by the database."""
    run_import(write_dataset(tmp_path / "a", DATASET))
    changed = dict(
        DATASET,
        people=MORE_PEOPLE.replace("Tân Kỳ,", "Nghĩa Đồng,").replace("02/03/1975", "03/03/1975"),
        positions=MORE_POSITIONS.replace("Bí thư,2025-06-30", "Bí thư Đảng ủy,2025-06-29"),
    )
    code, _out, err = run_import(write_dataset(tmp_path / "b", changed))
    assert code == 0, err
    run = ImportRun.objects.order_by("-pk").first()
    assert run.counts["people"] == {"created": 2, "updated": 2, "unchanged": 0, "rejected": 0}
    assert run.counts["positions"] == {
        "created": 2,
        "updated": 2,
        "unchanged": 0,
        "rejected": 0,
    }
    p2 = Person.objects.get(code="P2")
    assert str(p2.birth_date) == "1975-03-03"
    post = Position.objects.get(person__code="P1")
    assert (post.title, str(post.end_date)) == ("Bí thư Đảng ủy", "2025-06-29")
    entry = ModelLogEntry.objects.for_instance(post).get(uuid=run.uuid)
    assert entry.action == "dangbo.update"
    assert entry.label == "Bí thư Đảng ủy — Đảng bộ xã A"
    assert entry.data["changes"] == {
        "end_date": ["2025-06-30", "2025-06-29"],
        "title": ["Bí thư", "Bí thư Đảng ủy"],
    }
    entry = ModelLogEntry.objects.for_instance(p2).get(uuid=run.uuid)
    assert entry.data["changes"] == {"birth_date": ["1975-03-02", "1975-03-03"]}
    writer = AuditWriter(actor=None, source=audit.SOURCE_IMPORT, batch=run.uuid)
    for code in ("P3", "P4"):
        person = Person.objects.get(code=code)
        entry = ModelLogEntry.objects.for_instance(person).get()
        assert (entry.label, entry.action, entry.data) == python_entry(writer, person)
