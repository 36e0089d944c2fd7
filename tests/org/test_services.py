"""Unit services: audited in the same transaction, scoped, and history kept through events."""

from datetime import date

import pytest
from django.db.models import ProtectedError
from wagtail.models import ModelLogEntry

from dangbo.core import audit
from dangbo.core.errors import InputError
from dangbo.org import selectors, services
from dangbo.org.models import EventKind, Unit, UnitEvent, UnitKind
from tests.factories import PositionFactory


def entries(instance):
    return list(audit.history(instance))


def new_branch(actor, parent, code="CB-DV-2", **extra):
    return services.unit_create(
        actor=actor, code=code, name="Chi bộ xóm 2", kind=UnitKind.BRANCH, parent=parent, **extra
    )


# --- create, update, end: each audited, nothing half-written -------------------------------


def test_unit_create_is_audited(office_a, tree):
    unit = new_branch(office_a, tree.commune_a, valid_from=date(2020, 1, 1))
    [entry] = entries(unit)
    assert entry.action == audit.CREATE and entry.user == office_a
    assert entry.data["before"] is None
    assert entry.data["after"]["code"] == "CB-DV-2"
    assert entry.data["after"]["valid_from"] == "2020-01-01"
    assert entry.data["after"]["parent_id"] == tree.commune_a.pk
    assert entry.data["source"] == audit.SOURCE_SCREEN
    assert "path" not in entry.data["after"]


def test_a_failing_create_writes_neither_unit_nor_entry(office_a, tree):
    with pytest.raises(InputError) as error:
        new_branch(office_a, tree.commune_a, code="X-TX")
    assert [p.field for p in error.value.problems] == ["code"]
    assert Unit.objects.count() == 5 and not ModelLogEntry.objects.exists()


def test_create_outside_the_scope_is_refused(office_a, tree):
    with pytest.raises(PermissionError):
        new_branch(office_a, tree.commune_b)
    with pytest.raises(PermissionError):
        new_branch(office_a, None)
    assert not Unit.objects.filter(code="CB-DV-2").exists()


def test_secretary_cannot_create(secretary_a, tree):
    with pytest.raises(PermissionError):
        new_branch(secretary_a, tree.commune_a)


def test_audit_entry_is_in_the_same_transaction(office_a, tree, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        new_branch(office_a, tree.commune_a)
    assert not Unit.objects.filter(code="CB-DV-2").exists()


def test_unit_update_records_before_and_after(office_a, tree):
    services.unit_update(
        actor=office_a,
        unit=tree.branch_a,
        name="Chi bộ xóm Một",
        kind=UnitKind.BRANCH,
        parent=tree.commune_a,
        valid_from=None,
        valid_to=None,
    )
    [entry] = entries(tree.branch_a)
    assert entry.action == audit.UPDATE
    assert entry.data["changes"] == {"name": ["Chi bộ xóm 1", "Chi bộ xóm Một"]}
    assert entry.data["before"]["name"] == "Chi bộ xóm 1"


def test_an_unchanged_update_writes_no_entry(office_a, tree):
    unit = tree.branch_a
    services.unit_update(
        actor=office_a,
        unit=unit,
        name=unit.name,
        kind=unit.kind,
        parent=unit.parent,
        valid_from=None,
        valid_to=None,
    )
    assert not entries(unit)


def test_moving_a_unit_repaths_its_subtree(office_district, tree):
    services.unit_update(
        actor=office_district,
        unit=tree.commune_a,
        name=tree.commune_a.name,
        kind=tree.commune_a.kind,
        parent=tree.commune_b,
        valid_from=None,
        valid_to=None,
    )
    tree.branch_a.refresh_from_db()
    ids = [tree.province, tree.district, tree.commune_b, tree.commune_a, tree.branch_a]
    assert tree.branch_a.path == "/" + "".join(f"{u.pk}/" for u in ids)
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.path == tree.commune_b.path + f"{tree.commune_a.pk}/"


def test_a_unit_cannot_go_under_its_own_sub_unit(office_a, tree):
    with pytest.raises(InputError):
        services.unit_update(
            actor=office_a,
            unit=tree.commune_a,
            name="x",
            kind=tree.commune_a.kind,
            parent=tree.branch_a,
            valid_from=None,
            valid_to=None,
        )
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.name == "Đảng bộ xã Đồng Văn" and not ModelLogEntry.objects.exists()


def test_unit_end_is_audited_as_an_end(office_a, tree):
    services.unit_end(actor=office_a, unit=tree.branch_a, valid_to=date(2025, 6, 30))
    [entry] = entries(tree.branch_a)
    assert entry.action == audit.END
    assert entry.data["changes"] == {"valid_to": [None, "2025-06-30"]}


def test_a_unit_cannot_end_before_its_sub_units(office_a, tree):
    with pytest.raises(InputError):
        services.unit_end(actor=office_a, unit=tree.commune_a, valid_to=date(2025, 6, 30))
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.valid_to is None and not ModelLogEntry.objects.exists()


def test_units_are_never_deleted(tree, person_a):
    assert not hasattr(services, "unit_delete")
    with pytest.raises(ProtectedError):
        tree.commune_a.delete()  # it has a sub-unit, people and posts
    PositionFactory(person=person_a, unit=tree.branch_a)
    with pytest.raises(ProtectedError):
        tree.branch_a.delete()


# --- events --------------------------------------------------------------------------------

REFORM = date(2025, 7, 1)


def merge_into_new_commune(actor, tree):
    return services.unit_event_record(
        actor=actor,
        day=REFORM,
        kind=EventKind.MERGE,
        sources=[tree.commune_a, tree.commune_b],
        targets=[],
        new_units=[
            services.NewUnit(
                "X-TK", "Đảng bộ xã Tân Kỳ", UnitKind.GRASSROOTS_COMMITTEE, tree.province
            )
        ],
        note="2025 reform",
    )


def test_merge_ends_sources_the_day_before_and_creates_the_target(superuser, tree):
    event = merge_into_new_commune(superuser, tree)
    new = Unit.objects.get(code="X-TK")
    for unit in (tree.commune_a, tree.commune_b, tree.branch_a):
        unit.refresh_from_db()
        assert unit.valid_to == date(2025, 6, 30)
    assert new.valid_from == REFORM and new.path == f"/{tree.province.pk}/{new.pk}/"
    assert list(event.targets.all()) == [new]
    assert event.source_codes == "X-DV X-TX"
    [entry] = entries(event)
    assert entry.data["after"]["sources"] == ["X-DV", "X-TX"]
    assert entry.data["after"]["targets"] == ["X-TK"]
    assert [e.action for e in entries(tree.commune_a)] == [audit.END]
    assert [e.action for e in entries(new)] == [audit.CREATE]


def test_a_failing_event_writes_nothing(superuser, tree):
    with pytest.raises(InputError):
        services.unit_event_record(
            actor=superuser,
            day=REFORM,
            kind=EventKind.MERGE,
            sources=[tree.commune_a, tree.commune_b],
            targets=[],
            new_units=[
                services.NewUnit("X-NEW", "Mới", UnitKind.GRASSROOTS_COMMITTEE, tree.province),
                services.NewUnit("X-TX", "Trùng mã", UnitKind.GRASSROOTS_COMMITTEE, tree.province),
            ],
        )
    assert not Unit.objects.filter(code="X-NEW").exists()
    assert not UnitEvent.objects.exists() and not ModelLogEntry.objects.exists()
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.valid_to is None


def test_an_event_outside_the_scope_is_refused(office_a, tree):
    with pytest.raises(PermissionError):
        merge_into_new_commune(office_a, tree)
    assert not UnitEvent.objects.exists()


def rename(actor, unit, day, name):
    return services.unit_event_record(
        actor=actor, day=day, kind=EventKind.RENAME, sources=[unit], targets=[unit], name=name
    )


def test_rename_keeps_the_code_and_the_previous_name(office_a, tree):
    event = rename(office_a, tree.branch_a, date(2024, 1, 1), "Chi bộ xóm Một")
    tree.branch_a.refresh_from_db()
    assert tree.branch_a.code == "CB-DV-1" and tree.branch_a.name == "Chi bộ xóm Một"
    assert event.previous_name == "Chi bộ xóm 1" and event.name == "Chi bộ xóm Một"
    assert entries(tree.branch_a)[0].data["changes"] == {"name": ["Chi bộ xóm 1", "Chi bộ xóm Một"]}


def test_names_on_reads_back_through_renames(office_a, tree):
    rename(office_a, tree.branch_a, date(2020, 1, 1), "Chi bộ xóm Một")
    rename(office_a, tree.branch_a, date(2024, 1, 1), "Chi bộ thôn Một")
    unit = Unit.objects.get(pk=tree.branch_a.pk)
    assert selectors.names_on([unit], date(2019, 12, 31))[unit.pk] == "Chi bộ xóm 1"
    assert selectors.names_on([unit], date(2020, 1, 1))[unit.pk] == "Chi bộ xóm Một"
    assert selectors.names_on([unit], date(2023, 12, 31))[unit.pk] == "Chi bộ xóm Một"
    assert selectors.names_on([unit], date(2025, 1, 1))[unit.pk] == "Chi bộ thôn Một"


def test_a_rename_needs_the_same_unit_and_a_name(office_a, tree):
    with pytest.raises(InputError) as error:
        services.unit_event_record(
            actor=office_a,
            day=date(2024, 1, 1),
            kind=EventKind.RENAME,
            sources=[tree.branch_a],
            targets=[tree.commune_a],
            name="",
        )
    assert {p.field for p in error.value.problems} == {"targets", "name"}


def test_lineage_both_ways(superuser, tree):
    merge = merge_into_new_commune(superuser, tree)
    new = Unit.objects.get(code="X-TK")
    rename(superuser, new, date(2025, 9, 1), "Đảng bộ xã Tân Kỳ mới")
    split = services.unit_event_record(
        actor=superuser,
        day=date(2026, 1, 1),
        kind=EventKind.SPLIT,
        sources=[new],
        targets=[],
        new_units=[
            services.NewUnit("X-TK1", "Xã Tân Kỳ 1", UnitKind.GRASSROOTS_COMMITTEE, tree.province),
            services.NewUnit("X-TK2", "Xã Tân Kỳ 2", UnitKind.GRASSROOTS_COMMITTEE, tree.province),
        ],
    )
    first = Unit.objects.get(code="X-TK1")
    back = selectors.lineage(first, direction="back")
    assert [step.event for step in back] == [split, merge]  # renames are not lineage steps
    assert {u.code for u in back[1].units} == {"X-DV", "X-TX"}
    forward = selectors.lineage(tree.commune_a, direction="forward")
    assert [step.event for step in forward] == [merge, split]
    assert {u.code for u in forward[1].units} == {"X-TK1", "X-TK2"}


def test_unit_tree_as_of_a_date(superuser, tree):
    merge_into_new_commune(superuser, tree)
    before = selectors.unit_tree(user=superuser, as_of=date(2025, 6, 30))
    after = selectors.unit_tree(user=superuser, as_of=REFORM)
    [province] = before
    assert {n.unit.code for n in province.children[0].children} == {"X-DV", "X-TX"}
    [province] = after
    assert {n.unit.code for n in province.children} == {"HU-TK", "X-TK"}
    assert province.children[0].children == []


def test_common_ancestor_of_paths():
    from dangbo.org.selectors import common_ancestor

    assert common_ancestor(["/1/2/3/", "/1/2/4/", "/1/2/5/6/"]) == 2
    assert common_ancestor(["/1/2/3/"]) == 3
    assert common_ancestor(["/1/", "/2/"]) is None
    assert common_ancestor(["/1/2/", "/1/23/"]) == 1
    assert common_ancestor([]) is None
