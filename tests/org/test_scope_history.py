"""Scope follows unit history (docs/roles.md): the demo's "today" is after the 2025 reform."""

from datetime import date

import pytest

from dangbo.accounts.models import Grant, User, UserRole
from dangbo.discipline.models import DisciplineCase
from dangbo.org import scope
from dangbo.org.models import Unit, UnitEvent
from dangbo.org.permissions import unit_policy
from dangbo.org.policy import CHANGE
from dangbo.org.selectors import unit_list_visible_to
from dangbo.people.models import Person, Position
from dangbo.people.permissions import person_policy
from dangbo.people.selectors import person_list_visible_to
from dangbo.ratings.models import Rating
from dangbo.rotation.models import Rotation
from dangbo.supervision.models import SupervisionAssignment
from tests.factories import UnitFactory, UserFactory


def login(name):
    return User.objects.get(username=name)


def codes(units):
    return set(units.values_list("code", flat=True))


def linked_unit_ids(person) -> set[int]:
    """Every unit a person's records place them in, read independently of the selectors."""
    ids = {person.unit_id} if person.unit_id else set()
    ids |= set(Position.objects.filter(person=person).values_list("unit_id", flat=True))
    ids |= set(DisciplineCase.objects.filter(person=person).values_list("unit_id", flat=True))
    ids |= set(Rating.objects.filter(person=person).values_list("unit_id", flat=True))
    ids |= set(
        SupervisionAssignment.objects.filter(person=person).values_list("unit_id", flat=True)
    )
    for to_unit, from_unit in Rotation.objects.filter(person=person).values_list(
        "to_unit_id", "from_unit_id"
    ):
        ids |= {to_unit, from_unit} - {None}
    return ids


def reached_unit_ids(unit_codes: list[str]) -> set[int]:
    """Subtrees of the units, and of their predecessors through mergers, splits and moves, by
    walking parent links and events in Python (not through paths)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Unit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    sources_of: dict[int, set[int]] = {}
    for event in UnitEvent.objects.filter(kind__in=["merge", "split", "move"]):
        for target in event.targets.all():
            sources_of.setdefault(target.pk, set()).update(s.pk for s in event.sources.all())
    reached: set[int] = set()
    todo = list(Unit.objects.filter(code__in=unit_codes).values_list("pk", flat=True))
    while todo:
        pk = todo.pop()
        if pk in reached:
            continue
        reached.add(pk)
        todo.extend(children.get(pk, []))
        todo.extend(sources_of.get(pk, ()))
    return reached


@pytest.mark.parametrize(
    "username,units",
    [
        ("btc.huyen", ["HU-TK"]),
        ("bithu.dongvan", ["X-DONGVAN"]),
        ("bithu.tanky", ["X25-TANKY"]),
        # (d): a helper body reads the communes it helps (docs/roles.md).
        ("bdv.huyen", ["BDV-HU", "X-PHUSON", "X-HUONGSON", "X-NGHIAHOP"]),
        ("btc.tinhuy", ["TU-NA"]),
    ],
)
def test_each_login_sees_exactly_the_people_linked_to_its_units(demo, username, units):
    reached = reached_unit_ids(units)
    expected = {p.code for p in Person.objects.all() if linked_unit_ids(p) & reached}
    user = login(username)
    assert set(person_list_visible_to(user=user).values_list("code", flat=True)) == expected
    assert set(unit_list_visible_to(user=user).values_list("pk", flat=True)) == reached


def test_district_office_still_sees_the_district_s_people_after_the_reform(demo):
    # 56 of 192 before grants followed history: people's membership moved to the new communes.
    seen = person_list_visible_to(user=login("btc.huyen")).count()
    assert seen == 178
    # The 14 left out are members of units founded by the reform, with no record before it.
    unseen = Person.objects.exclude(pk__in=person_list_visible_to(user=login("btc.huyen")))
    assert {p.unit.valid_from for p in unseen} == {date(2025, 7, 1)}
    assert not Position.objects.filter(person__in=unseen).exists()


def test_new_commune_reads_the_history_of_the_four_units_merged_into_it(demo):
    secretary = login("bithu.tanky")
    seen = codes(unit_list_visible_to(user=secretary))
    assert {"X25-TANKY", "TT-TANKY", "X-NGHIADUNG", "X-KYTAN", "X-KYSON"} <= seen
    # ...and the branches of those units, but no other commune, old or new.
    assert "CB-TANKY-01" in seen
    assert not seen & {"X-DONGVAN", "X25-TIENDONG", "HU-TK", "TU-NA"}
    people = person_list_visible_to(user=secretary)
    held_there = Position.objects.filter(unit__code="X-KYSON").values_list("person", flat=True)
    assert set(held_there) <= set(people.values_list("pk", flat=True))


def test_history_is_read_only_for_the_successor(demo):
    office = UserFactory(unit=Unit.objects.get(code="X25-TANKY"), role=UserRole.ORGANIZATION_OFFICE)
    old = Unit.objects.get(code="X-KYSON")
    assert unit_policy.can(office, "view", old)
    assert not unit_policy.can(office, CHANGE, old)
    assert unit_policy.can(office, CHANGE, Unit.objects.get(code="X25-TANKY"))


def test_province_office_reaches_everything_of_nghe_an(demo):
    office = login("btc.tinhuy")
    assert codes(unit_list_visible_to(user=office)) == set(
        Unit.objects.values_list("code", flat=True)
    )
    assert person_list_visible_to(user=office).count() == Person.objects.count()


def test_a_commune_secretary_sees_nothing_of_a_sibling(demo):
    seen = codes(unit_list_visible_to(user=login("bithu.dongvan")))
    assert "X-DONGVAN" in seen and "X-TANXUAN" not in seen and "HU-TK" not in seen


def test_grants_add_up_and_an_ended_grant_gives_nothing(tree):
    user = UserFactory(unit=tree.commune_a, role=UserRole.GRASSROOTS_SECRETARY)
    assert codes(unit_list_visible_to(user=user)) == {"X-DV", "CB-DV-1"}
    Grant.objects.create(user=user, unit=tree.commune_b, role=UserRole.ORGANIZATION_OFFICE)
    scope.forget(user)
    assert codes(unit_list_visible_to(user=user)) == {"X-DV", "CB-DV-1", "X-TX"}
    # Each grant gives its own rights: office work on B, only reading on A.
    assert unit_policy.can(user, CHANGE, tree.commune_b)
    assert not unit_policy.can(user, CHANGE, tree.commune_a)
    Grant.objects.filter(user=user).update(valid_to="2020-12-31")
    scope.forget(user)
    assert not unit_list_visible_to(user=user).exists()
    assert not scope.has_access(user)


def test_a_grant_that_starts_later_gives_nothing_yet(tree):
    user = UserFactory(unit=None)
    Grant.objects.create(
        user=user, unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE, valid_from="2999-01-01"
    )
    assert not scope.has_access(user)
    assert not person_policy.may(user, CHANGE)


def test_predecessors_are_followed_back_transitively(tree):
    from datetime import date

    from dangbo.org.models import EventKind, UnitEvent

    # A and B merged into N (2020), N and the district's other commune C merged into M (2025).
    n = UnitFactory(code="X-N", parent=tree.district)
    m = UnitFactory(code="X-M", parent=tree.province)
    first = UnitEvent.objects.create(date=date(2020, 1, 1), kind=EventKind.MERGE)
    first.sources.set([tree.commune_a, tree.commune_b])
    first.targets.set([n])
    second = UnitEvent.objects.create(date=date(2025, 7, 1), kind=EventKind.MERGE)
    second.sources.set([n])
    second.targets.set([m])
    user = UserFactory(unit=m, role=UserRole.GRASSROOTS_SECRETARY)
    assert codes(unit_list_visible_to(user=user)) == {"X-M", "X-N", "X-DV", "X-TX", "CB-DV-1"}


def test_forms_offer_only_the_units_where_the_user_may_write(demo):
    from dangbo.org.forms import visible_units, writable_units

    office = UserFactory(unit=Unit.objects.get(code="X25-TANKY"), role=UserRole.ORGANIZATION_OFFICE)
    readable = codes(visible_units(office))
    writable = codes(writable_units(office, Person))
    assert "X-KYSON" in readable and "X-KYSON" not in writable
    assert "X25-TANKY" in writable and writable <= readable
    # An inspection grant writes cases, not people.
    inspector = UserFactory(unit=Unit.objects.get(code="X25-TANKY"), role=UserRole.INSPECTION)
    assert not writable_units(inspector, Person).exists()
    assert "X25-TANKY" in codes(writable_units(inspector, DisciplineCase))


def test_a_grant_on_an_ended_unit_writes_nothing_dated_after_its_end(demo):
    from dangbo.core.errors import InputError
    from dangbo.people.services import position_create

    office = login("btc.huyen")  # Huyện ủy Tân Kỳ ended on 30/06/2025
    commune = Unit.objects.get(code="X-DONGVAN")
    person = Person.objects.get(code="P0001")
    with pytest.raises(InputError):
        position_create(
            actor=office, person=person, unit=commune, role="member", start_date=date(2025, 8, 1)
        )
    post = position_create(
        actor=office,
        person=person,
        unit=commune,
        role="member",
        start_date=date(2020, 1, 1),
        end_date=date(2020, 12, 31),
    )
    assert post.pk
    # The new commune the people went to is out of the old district's reach.
    with pytest.raises(PermissionError):
        position_create(
            actor=office,
            person=person,
            unit=Unit.objects.get(code="X25-TIENDONG"),
            role="member",
            start_date=date(2025, 8, 1),
        )


def test_a_moved_unit_s_successor_reads_its_history_and_the_old_parent_keeps_it(tree):
    from dangbo.org.models import EventKind
    from dangbo.org.scope import OPERATOR
    from dangbo.org.services import NewUnit, unit_event_record

    # The branch of commune A moves to commune B: it ends under A, its successor starts under B.
    event = unit_event_record(
        actor=OPERATOR,
        day=date(2024, 1, 1),
        kind=EventKind.MOVE,
        sources=[tree.branch_a],
        targets=[],
        new_units=[
            NewUnit(code="CB-TX-1", name="Chi bộ xóm 1", kind="branch", parent=tree.commune_b)
        ],
    )
    assert event.targets.get().code == "CB-TX-1"
    b_secretary = UserFactory(unit=tree.commune_b, role=UserRole.GRASSROOTS_SECRETARY)
    a_secretary = UserFactory(unit=tree.commune_a, role=UserRole.GRASSROOTS_SECRETARY)
    assert {"CB-TX-1", "CB-DV-1"} <= codes(unit_list_visible_to(user=b_secretary))
    assert "CB-DV-1" in codes(unit_list_visible_to(user=a_secretary))
    assert "CB-TX-1" not in codes(unit_list_visible_to(user=a_secretary))
