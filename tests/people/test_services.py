"""People and post services: audited in the same transaction; a post is ended, not edited."""

from datetime import date

import pytest
from wagtail.models import ModelLogEntry

from dangbo.core import audit
from dangbo.core.errors import InputError
from dangbo.people import services
from dangbo.people.models import Gender, Person, Position, Role


def new_person(actor, unit, code="P-A2", **extra):
    values = {
        "full_name": "Lê Thị Hoa",
        "gender": Gender.FEMALE,
        "birth_date": date(1980, 5, 17),
        "party_join_date": date(2005, 3, 2),
        "unit": unit,
    }
    values.update(extra)
    return services.person_create(actor=actor, code=code, **values)


def test_person_create_is_audited(office_a, tree):
    person = new_person(office_a, tree.branch_a)
    [entry] = audit.history(person)
    assert entry.action == audit.CREATE and entry.user == office_a
    assert entry.data["before"] is None
    assert entry.data["after"]["full_name"] == "Lê Thị Hoa"
    assert entry.data["after"]["unit_id"] == tree.branch_a.pk
    assert "search_text" not in entry.data["after"]


def test_a_failing_person_create_writes_nothing(office_a, tree):
    with pytest.raises(InputError) as error:
        new_person(office_a, tree.commune_a, party_join_date=date(1985, 1, 1))
    assert [p.field for p in error.value.problems] == ["party_join_date"]
    assert not Person.objects.exists() and not ModelLogEntry.objects.exists()


def test_person_create_outside_the_scope_is_refused(office_a, secretary_a, tree):
    with pytest.raises(PermissionError):
        new_person(office_a, tree.commune_b)
    with pytest.raises(PermissionError):
        new_person(secretary_a, tree.commune_a)
    assert not Person.objects.exists()


def test_person_audit_is_in_the_same_transaction(office_a, tree, monkeypatch):
    monkeypatch.setattr(audit, "record", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        new_person(office_a, tree.commune_a)
    assert not Person.objects.exists()


def test_person_update_records_before_and_after(office_a, tree, person_a):
    services.person_update(actor=office_a, person=person_a, full_name="Nguyễn Văn Ân", hometown="")
    [entry] = audit.history(person_a)
    assert entry.action == audit.UPDATE
    assert entry.data["changes"] == {"full_name": ["Nguyễn Văn An", "Nguyễn Văn Ân"]}
    person_a.refresh_from_db()
    assert person_a.search_text == "p-a1 nguyen van an"


def test_person_cannot_be_moved_out_of_the_scope(office_a, tree, person_a):
    with pytest.raises(PermissionError):
        services.person_update(actor=office_a, person=person_a, unit=tree.commune_b)
    person_a.refresh_from_db()
    assert person_a.unit == tree.commune_a and not ModelLogEntry.objects.exists()


def test_another_communes_person_cannot_be_changed(office_a, person_b):
    with pytest.raises(PermissionError):
        services.person_update(actor=office_a, person=person_b, full_name="Bị đổi")
    person_b.refresh_from_db()
    assert person_b.full_name == "Đặng Thị Bình"


def test_position_create_and_end_are_audited(office_a, tree, person_a):
    post = services.position_create(
        actor=office_a,
        person=person_a,
        unit=tree.branch_a,
        role=Role.DEPUTY,
        start_date=date(2021, 1, 1),
        title="Phó bí thư",
    )
    services.position_end(actor=office_a, position=post, end_date=date(2023, 12, 31))
    ended, created = audit.history(post)
    assert created.action == audit.CREATE and created.data["after"]["role"] == Role.DEPUTY
    assert ended.action == audit.END
    assert ended.data["changes"] == {"end_date": [None, "2023-12-31"]}


def test_a_post_is_not_given_twice_or_outside_its_unit(office_a, tree, person_a):
    with pytest.raises(InputError):
        services.position_create(
            actor=office_a,
            person=person_a,
            unit=tree.commune_a,
            role=Role.HEAD,
            start_date=date(2010, 1, 1),
        )
    tree.branch_a.valid_to = date(2015, 1, 1)
    tree.branch_a.save()
    with pytest.raises(InputError):
        services.position_create(
            actor=office_a,
            person=person_a,
            unit=tree.branch_a,
            role=Role.MEMBER,
            start_date=date(2016, 1, 1),
        )
    assert Position.objects.count() == 1 and not ModelLogEntry.objects.exists()


def test_an_ended_post_is_not_ended_again_differently(office_a, person_a):
    post = person_a.positions.get()
    services.position_end(actor=office_a, position=post, end_date=date(2020, 1, 1))
    with pytest.raises(InputError):
        services.position_end(actor=office_a, position=post, end_date=date(2021, 1, 1))
    post.refresh_from_db()
    assert post.end_date == date(2020, 1, 1)
    assert len(audit.history(post)) == 1


def test_another_communes_post_cannot_be_ended(office_a, person_b):
    post = person_b.positions.get()
    with pytest.raises(PermissionError):
        services.position_end(actor=office_a, position=post, end_date=date(2020, 1, 1))
    post.refresh_from_db()
    assert post.end_date is None
