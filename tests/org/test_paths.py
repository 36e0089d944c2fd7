"""Scope is by identity, not by name: paths hold ids, codes hold no "/" (issue 7, item 4).

The property tests build random trees, with random codes, through the services and through
the importer, and check for every unit U that a user of U sees exactly U's descendants as
computed here by walking parent links, not through paths.
"""

import csv
import re
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo.accounts.models import UserRole
from dangbo.core.errors import InputError
from dangbo.interchange.services import import_dataset
from dangbo.org import scope, services
from dangbo.org.models import Unit, UnitKind, build_path
from dangbo.org.scope import OPERATOR
from dangbo.org.validation import CODE_RE
from dangbo.people.models import Person
from dangbo.people.selectors import person_list_visible_to
from tests.factories import PersonFactory, UnitFactory, UserFactory
from tests.interchange.helpers import run_import, write_dataset

pytestmark = pytest.mark.django_db

CODE_MESSAGE_VI = (
    "Mã chỉ gồm chữ cái không dấu (A-Z, a-z), chữ số và các dấu - _ . (không có dấu cách, "
    "không có /); tối đa 64 ký tự."
)


def descendants(parents: dict[int, int | None], top: int) -> set[int]:
    """Units at or below `top`, by walking each unit's parent links up (not by path)."""
    found = set()
    for pk in parents:
        current, seen = pk, set()
        while current is not None and current not in seen:
            if current == top:
                found.add(pk)
                break
            seen.add(current)
            current = parents[current]
    return found


def assert_scope_is_the_subtree_for_every_unit() -> None:
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    for unit in Unit.objects.all():
        # "!": an unusable password, stored as given (no hashing for each example)
        user = UserFactory(unit=unit, role=UserRole.ORGANIZATION_OFFICE, password="!")
        seen = scope.filter_by_unit_path(Unit.objects.all(), user).values_list("pk", flat=True)
        assert set(seen) == descendants(parents, unit.pk), unit.code
    paths = list(Unit.objects.values_list("path", flat=True))
    assert len(paths) == len(set(paths))


# --- codes: a wide alphabet (with "/", spaces, diacritics, bidi and control characters) ---

VALID_CODES = st.from_regex(r"[A-Za-z0-9._\-]{1,12}", fullmatch=True)
WIDE_CODES = st.text(
    alphabet=st.sampled_from(list("AXD-_.09/ đĐăẠ,\"'\t\u202e\u200f\x1b\u00a0")), min_size=1
).filter(lambda code: code.strip())


def tree_plans():
    """(code, index of the parent among the earlier units or None), and later moves.

    Some codes are an earlier code + "/" + something: the attack on code paths."""

    @st.composite
    def plan(draw):
        size = draw(st.integers(1, 9))
        units, codes = [], set()
        for _attempt in range(size):
            earlier = sorted(codes)
            kinds = [VALID_CODES, WIDE_CODES]
            if earlier:
                kinds.append(
                    st.tuples(st.sampled_from(earlier), VALID_CODES).map(lambda t: f"{t[0]}/{t[1]}")
                )
            code = draw(st.one_of(kinds))
            if code.strip() in {c.strip() for c in codes}:
                continue
            codes.add(code)
            parent = draw(st.none() | st.integers(0, len(units) - 1)) if units else None
            units.append((code, parent))
        moves = draw(
            st.lists(
                st.tuples(
                    st.integers(0, len(units) - 1), st.none() | st.integers(0, len(units) - 1)
                ),
                max_size=4,
            )
        )
        return units, moves

    return plan()


def rolled_back(check):
    """Run `check` in a savepoint undone after: each example starts from the empty tree."""
    with transaction.atomic():
        check()
        transaction.set_rollback(True)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=tree_plans())
def test_random_trees_built_through_the_services_keep_every_scope_to_its_subtree(superuser, plan):
    units, moves = plan

    def check():
        created: list[Unit | None] = []
        for code, parent in units:
            parent_unit = created[parent] if parent is not None else None
            try:
                unit = services.unit_create(
                    actor=superuser,
                    code=code,
                    name=f"Đơn vị {len(created)}",
                    kind=UnitKind.GRASSROOTS_COMMITTEE,
                    parent=parent_unit,
                )
            except InputError as error:
                assert not CODE_RE.match(code)
                assert [p.field for p in error.problems] == ["code"]
                unit = None
            else:
                assert CODE_RE.match(code) and "/" not in code
            created.append(unit)
        for moved, target in moves:
            unit, parent = created[moved], created[target] if target is not None else None
            if unit is None:
                continue
            unit.refresh_from_db()
            if parent is not None:
                parent.refresh_from_db()
            try:
                services.unit_update(
                    actor=superuser,
                    unit=unit,
                    name=unit.name,
                    kind=unit.kind,
                    parent=parent,
                    valid_from=None,
                    valid_to=None,
                )
            except InputError:  # under itself or its own sub-unit
                assert parent.path.startswith(unit.path)
        assert_scope_is_the_subtree_for_every_unit()

    rolled_back(check)


def _units_csv(rows) -> str:
    folder = Path(tempfile.mkdtemp(prefix="dangbo-paths-"))
    with open(folder / "units.csv", "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["code", "name", "kind", "parent_code", "valid_from", "valid_to"])
        for code, name, parent_code in rows:
            writer.writerow([code, name, UnitKind.GRASSROOTS_COMMITTEE, parent_code, "", ""])
    return folder


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=tree_plans())
def test_random_trees_imported_keep_every_scope_to_its_subtree(plan):
    units, moves = plan
    codes = [code for code, _parent in units]

    def parent_code(index):
        return codes[index] if index is not None else ""

    first = [(code, f"Đơn vị {i}", parent_code(parent)) for i, (code, parent) in enumerate(units)]
    # A second file moves stored units (a loop is refused) and adds one under each moved unit.
    parents = dict(units)
    for moved, target in moves:
        parents[codes[moved]] = target
    second = [(code, f"Đơn vị {i}", parent_code(parents[code])) for i, code in enumerate(codes)]
    second += [(f"NEW.{i}", "Mới", codes[moved]) for i, (moved, _t) in enumerate(moves)]

    def check():
        for rows in (first, second):
            result = import_dataset(_units_csv(rows), actor=OPERATOR, partial=True)
            # The report shows control characters by their code (core.text.visible).
            refused = {
                re.sub(r"<U\+([0-9A-F]{4,6})>", lambda m: chr(int(m[1], 16)), e.value).strip()
                for e in result.report.errors
                if e.column == "code"
            }
            for code, _name, _parent in rows:
                if not CODE_RE.match(code.strip()):
                    assert code.strip() in refused
                    assert not Unit.objects.filter(code=code.strip()).exists()
            assert not Unit.objects.filter(code__contains="/").exists()
            assert_scope_is_the_subtree_for_every_unit()

    rolled_back(check)


# --- the exact attack: X-DONGVAN/LEAK under HU-TK ----------------------------------------


@pytest.fixture
def dong_van(tree):
    """Đồng Văn as the demo names it, with its secretary and one member."""
    unit = UnitFactory(code="X-DONGVAN", name="Đảng bộ xã Đồng Văn", parent=tree.district)
    PersonFactory(code="P-DV", unit=unit)
    secretary = UserFactory(unit=unit, role=UserRole.GRASSROOTS_SECRETARY)
    return SimpleNamespace(unit=unit, secretary=secretary)


def test_the_unit_form_refuses_a_code_with_a_slash(as_user, office_district, tree, dong_van):
    response = as_user(office_district).post(
        reverse("unit:add"),
        {
            "code": "X-DONGVAN/LEAK",
            "name": "Đảng bộ rò rỉ",
            "kind": UnitKind.GRASSROOTS_COMMITTEE,
            "parent": tree.district.pk,
        },
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [CODE_MESSAGE_VI]
    assert not Unit.objects.filter(code__startswith="X-DONGVAN/").exists()


def test_an_import_refuses_a_code_with_a_slash_and_writes_nothing(tmp_path, tree, dong_van):
    folder = write_dataset(
        tmp_path,
        {
            "units": "code,name,kind,parent_code,valid_from,valid_to\n"
            "X-DONGVAN/LEAK,Đảng bộ rò rỉ,grassroots_committee,HU-TK,,\n",
            "people": "code,full_name,gender,birth_date,ethnicity,hometown,party_join_date,"
            "party_official_date,unit_code\n"
            "P-LEAK,Người Bị Lộ,M,1980-01-01,,,,,X-DONGVAN/LEAK\n",
        },
    )
    with translation.override("vi"):
        code, _out, err = run_import(folder)
    assert code == 1
    assert (
        "units.csv (Đơn vị), dòng 2, cột code (Mã đơn vị), giá trị “X-DONGVAN/LEAK”: "
        f"{CODE_MESSAGE_VI}" in err
    )
    assert not Unit.objects.filter(code__startswith="X-DONGVAN/").exists()
    assert not Person.objects.filter(code="P-LEAK").exists()


def test_a_unit_whose_code_has_a_slash_stays_out_of_the_other_units_subtree(tree, dong_van):
    """Even a stored code with "/" (from before the rule) says nothing about the subtree."""
    leak = UnitFactory(code="X-DONGVAN/LEAK", parent=tree.district)
    PersonFactory(code="P-LEAK", unit=leak)
    secretary = dong_van.secretary
    assert leak.path == f"{tree.district.path}{leak.pk}/"
    assert list(scope.filter_by_unit_path(Unit.objects.all(), secretary)) == [dong_van.unit]
    assert list(person_list_visible_to(user=secretary).values_list("code", flat=True)) == ["P-DV"]


# --- paths --------------------------------------------------------------------------------


def test_a_prefix_of_digits_is_not_a_subtree(db):
    """ "/1/" is the subtree of unit 1, never "/12/": every segment ends with the separator."""
    one = UnitFactory(pk=1)
    twelve = UnitFactory(pk=12)
    assert (one.path, twelve.path) == ("/1/", "/12/")
    assert list(Unit.objects.filter(path__startswith=one.path)) == [one]


def test_the_database_refuses_two_units_on_one_path(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=tree.commune_b.pk).update(path=tree.commune_a.path)


def test_the_migration_recomputes_every_stored_path_from_ids(tree):
    """Paths as they were stored before: codes."""
    from importlib import import_module

    migration = import_module("dangbo.org.migrations.0002_unit_paths_from_ids")
    leak = UnitFactory(code="X-DV/CB-DV-1", parent=tree.district)
    old = {
        tree.province: "/TU-NA/",
        tree.district: "/TU-NA/HU-TK/",
        tree.commune_a: "/TU-NA/HU-TK/X-DV/",
        tree.commune_b: "/TU-NA/HU-TK/X-TX/",
        tree.branch_a: "/TU-NA/HU-TK/X-DV/CB-DV-1/",
        leak: "/TU-NA/HU-TK/X-DV/CB-DV-1/",
    }
    for unit, path in old.items():
        if unit is not leak:  # the same path as CB-DV-1's: refused by the database now
            Unit.objects.filter(pk=unit.pk).update(path=path)
    migration.paths_from_ids(apps, None)
    for unit in old:
        unit.refresh_from_db()
        parent = unit.parent
        assert unit.path == build_path(parent.path if parent else None, unit.pk)
    assert leak.path == f"/{tree.province.pk}/{tree.district.pk}/{leak.pk}/"
