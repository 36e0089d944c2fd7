"""Organization screens: scoped by the tree, written through the services, never deleted."""

import io
from datetime import date

import openpyxl
import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from dangbo.core import audit
from dangbo.org import services
from dangbo.org.models import EventKind, Unit, UnitEvent, UnitKind
from tests.factories import UnitFactory
from tests.org.conftest import refused, streamed, text


@pytest.fixture
def event_b(tree, superuser):
    """A rename inside commune B, which commune A's users must not reach."""
    return services.unit_event_record(
        actor=superuser,
        day=date(2020, 1, 1),
        kind=EventKind.RENAME,
        sources=[tree.commune_b],
        targets=[tree.commune_b],
        name="Đảng bộ xã Tân Xuân mới",
    )


# --- another commune's records are out of reach ------------------------------------------


def test_index_lists_only_the_users_subtree(as_user, office_a, tree):
    response = as_user(office_a).get(reverse("unit:index"))
    assert set(response.context["object_list"]) == {tree.commune_a, tree.branch_a}
    assert tree.commune_b.name not in text(response)


@pytest.mark.parametrize("view", ["inspect", "edit", "history", "end"])
def test_guessing_another_communes_unit_url_is_not_found(as_user, office_a, tree, view):
    response = as_user(office_a).get(reverse(f"unit:{view}", args=[tree.commune_b.pk]))
    assert response.status_code == 404


def test_posting_to_another_communes_unit_changes_nothing(as_user, office_a, tree):
    client = as_user(office_a)
    edit = client.post(
        reverse("unit:edit", args=[tree.commune_b.pk]),
        {"name": "Bị đổi", "kind": UnitKind.GRASSROOTS_COMMITTEE, "parent": tree.district.pk},
    )
    end = client.post(reverse("unit:end", args=[tree.commune_b.pk]), {"end_date": "01/01/2024"})
    assert edit.status_code == 404 and end.status_code == 404
    tree.commune_b.refresh_from_db()
    assert tree.commune_b.name == "Đảng bộ xã Tân Xuân" and tree.commune_b.valid_to is None
    assert not ModelLogEntry.objects.exists()


def test_cannot_place_a_new_unit_under_another_commune(as_user, office_a, tree):
    response = as_user(office_a).post(
        reverse("unit:add"),
        {
            "code": "CB-TX-9",
            "name": "Chi bộ lạ",
            "kind": UnitKind.BRANCH,
            "parent": tree.commune_b.pk,
        },
    )
    assert response.status_code == 200  # the choice is not offered: a form error
    assert not Unit.objects.filter(code="CB-TX-9").exists()


def test_unit_tree_shows_only_the_users_subtree(as_user, office_a, tree):
    page = text(as_user(office_a).get(reverse("unit_tree:index")))
    assert tree.commune_a.name in page and tree.branch_a.name in page
    assert tree.commune_b.name not in page


def test_events_of_another_commune_are_out_of_reach(as_user, office_a, tree, event_b):
    client = as_user(office_a)
    assert "Tân Xuân" not in text(client.get(reverse("unit_event:index")))
    for view in ("inspect", "history"):
        response = client.get(reverse(f"unit_event:{view}", args=[event_b.pk]))
        assert response.status_code == 404


def test_a_unit_out_of_scope_is_out_of_the_export(as_user, office_a, tree):
    response = as_user(office_a).get(reverse("unit:index") + "?export=csv")
    body = streamed(response).decode()
    assert "X-DV" in body and "X-TX" not in body


# --- a read-only role reads and changes nothing -------------------------------------------


def test_secretary_reads_own_units_without_change_buttons(as_user, secretary_a, tree):
    client = as_user(secretary_a)
    index = text(client.get(reverse("unit:index")))
    assert tree.commune_a.name in index
    assert reverse("unit:add") not in index
    assert reverse("unit:edit", args=[tree.commune_a.pk]) not in index
    page = client.get(reverse("unit:inspect", args=[tree.commune_a.pk]))
    assert page.status_code == 200
    assert reverse("unit:edit", args=[tree.commune_a.pk]) not in text(page)
    assert reverse("unit:end", args=[tree.commune_a.pk]) not in text(page)
    assert client.get(reverse("unit:history", args=[tree.commune_a.pk])).status_code == 200


@pytest.mark.parametrize(("view", "with_pk"), [("add", False), ("edit", True), ("end", True)])
def test_secretary_cannot_open_change_screens(as_user, secretary_a, tree, view, with_pk):
    args = [tree.branch_a.pk] if with_pk else []
    assert refused(as_user(secretary_a).get(reverse(f"unit:{view}", args=args)))


def test_secretary_posts_change_nothing(as_user, secretary_a, tree):
    client = as_user(secretary_a)
    client.post(
        reverse("unit:add"),
        {
            "code": "CB-DV-2",
            "name": "Chi bộ 2",
            "kind": UnitKind.BRANCH,
            "parent": tree.commune_a.pk,
        },
    )
    client.post(reverse("unit:end", args=[tree.branch_a.pk]), {"end_date": "01/01/2024"})
    client.post(
        reverse("unit_event:add"),
        {"date": "01/01/2024", "kind": EventKind.DISSOLVE, "sources": [tree.branch_a.pk]},
    )
    tree.branch_a.refresh_from_db()
    assert tree.branch_a.valid_to is None
    assert not Unit.objects.filter(code="CB-DV-2").exists()
    assert not UnitEvent.objects.exists()


def test_no_delete_view_exists():
    for name in ("unit:delete", "unit_event:delete"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


# --- writes go through the services --------------------------------------------------------


def test_create_through_the_screen_audits_once(as_user, office_a, tree):
    response = as_user(office_a).post(
        reverse("unit:add"),
        {
            "code": "CB-DV-2",
            "name": "Chi bộ xóm 2",
            "kind": UnitKind.BRANCH,
            "parent": tree.commune_a.pk,
        },
    )
    unit = Unit.objects.get(code="CB-DV-2")
    assert response.status_code == 302
    assert response["Location"] == reverse("unit:inspect", args=[unit.pk])
    assert unit.path == f"{tree.commune_a.path}{unit.pk}/"
    actions = list(ModelLogEntry.objects.values_list("action", "user"))
    assert actions == [(audit.CREATE, office_a.pk)]  # no wagtail.create beside ours


def test_edit_keeps_the_code_and_shows_problems_on_fields(as_user, office_a, tree):
    client = as_user(office_a)
    url = reverse("unit:edit", args=[tree.branch_a.pk])
    response = client.post(
        url,
        {
            "code": "HACKED",
            "name": "Chi bộ xóm Một",
            "kind": UnitKind.BRANCH,
            "parent": tree.commune_a.pk,
            "valid_from": "01/01/2020",
            "valid_to": "01/01/2019",
            "record_version": audit.fingerprint(tree.branch_a),
        },
    )
    assert response.status_code == 200
    assert "valid_to" in response.context["form"].errors
    tree.branch_a.refresh_from_db()
    assert tree.branch_a.name == "Chi bộ xóm 1"
    response = client.post(
        url,
        {
            "code": "HACKED",
            "name": "Chi bộ xóm Một",
            "kind": UnitKind.BRANCH,
            "parent": tree.commune_a.pk,
            "record_version": audit.fingerprint(tree.branch_a),
        },
    )
    assert response.status_code == 302
    tree.branch_a.refresh_from_db()
    assert (tree.branch_a.code, tree.branch_a.name) == ("CB-DV-1", "Chi bộ xóm Một")
    assert [e.action for e in audit.history(tree.branch_a)] == [audit.UPDATE]


def test_office_keeps_its_own_top_unit(as_user, office_a, tree):
    """The commune's own record: its parent lies outside the subtree and stays as it is."""
    response = as_user(office_a).post(
        reverse("unit:edit", args=[tree.commune_a.pk]),
        {
            "name": "Đảng bộ xã Đồng Văn (sửa)",
            "kind": UnitKind.GRASSROOTS_COMMITTEE,
            "record_version": audit.fingerprint(tree.commune_a),
        },
    )
    assert response.status_code == 302
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.name.endswith("(sửa)") and tree.commune_a.parent == tree.district


def test_duplicate_code_is_shown_on_the_code_field(as_user, office_a, tree):
    response = as_user(office_a).post(
        reverse("unit:add"),
        {"code": "X-TX", "name": "Trùng", "kind": UnitKind.BRANCH, "parent": tree.commune_a.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert Unit.objects.filter(code="X-TX").count() == 1


def test_end_a_unit(as_user, office_a, tree):
    response = as_user(office_a).post(
        reverse("unit:end", args=[tree.branch_a.pk]),
        {"end_date": "30/06/2025", "record_version": audit.fingerprint(tree.branch_a)},
    )
    assert response.status_code == 302
    tree.branch_a.refresh_from_db()
    assert tree.branch_a.valid_to == date(2025, 6, 30)
    assert audit.history(tree.branch_a).first().data["changes"] == {
        "valid_to": [None, "2025-06-30"]
    }


def test_ending_a_unit_with_a_living_sub_unit_is_refused(as_user, office_a, tree):
    response = as_user(office_a).post(
        reverse("unit:end", args=[tree.commune_a.pk]),
        {"end_date": "30/06/2025", "record_version": audit.fingerprint(tree.commune_a)},
    )
    assert response.status_code == 200
    assert "Chi bộ xóm 1" in str(response.context["form"].errors)
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.valid_to is None


def test_history_screen_lists_who_and_what_changed(as_user, office_a, tree):
    services.unit_update(
        actor=office_a,
        unit=tree.branch_a,
        name="Chi bộ xóm Một",
        kind=UnitKind.BRANCH,
        parent=tree.commune_a,
        valid_from=None,
        valid_to=None,
    )
    page = text(as_user(office_a).get(reverse("unit:history", args=[tree.branch_a.pk])))
    assert "Chi bộ xóm 1 → Chi bộ xóm Một" in page
    assert "office_a" in page


# --- search, export, the tree and events ---------------------------------------------------


def test_search_is_accent_insensitive(as_user, office_district, tree):
    page = text(as_user(office_district).get(reverse("unit:index") + "?q=dong+van"))
    assert tree.commune_a.name in page and tree.commune_b.name not in page


def test_xlsx_export(as_user, office_a, tree):
    response = as_user(office_a).get(reverse("unit:index") + "?export=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(streamed(response))).active.values)
    assert {row[0] for row in rows[1:]} == {"X-DV", "CB-DV-1"}


def test_tree_as_of_a_date_uses_the_name_of_that_day(as_user, office_district, tree):
    services.unit_event_record(
        actor=office_district,
        day=date(2025, 7, 1),
        kind=EventKind.RENAME,
        sources=[tree.commune_a],
        targets=[tree.commune_a],
        name="Đảng bộ xã Đồng Văn Mới",
    )
    client = as_user(office_district)
    before = text(client.get(reverse("unit_tree:index") + "?as_of=30/06/2025"))
    after = text(client.get(reverse("unit_tree:index") + "?as_of=01/07/2025"))
    assert "Đồng Văn Mới" not in before and "Đảng bộ xã Đồng Văn" in before
    assert "Đảng bộ xã Đồng Văn Mới" in after


def test_tree_leaves_out_units_not_yet_or_no_longer_in_existence(as_user, office_a, tree):
    UnitFactory(code="CB-OLD", name="Chi bộ cũ", parent=tree.commune_a, valid_to=date(2000, 1, 1))
    page = text(as_user(office_a).get(reverse("unit_tree:index")))
    assert "Chi bộ cũ" not in page
    assert "Chi bộ cũ" in text(
        as_user(office_a).get(reverse("unit_tree:index") + "?as_of=01/01/1999")
    )


def test_merger_through_the_event_form(as_user, office_district, tree):
    response = as_user(office_district).post(
        reverse("unit_event:add"),
        {
            "date": "01/07/2025",
            "kind": EventKind.MERGE,
            "sources": [tree.commune_a.pk, tree.commune_b.pk],
            "note": "Nghị quyết sáp nhập",
            "new-TOTAL_FORMS": "3",
            "new-INITIAL_FORMS": "0",
            "new-0-code": "X-TK",
            "new-0-name": "Đảng bộ xã Tân Kỳ",
            "new-0-kind": UnitKind.GRASSROOTS_COMMITTEE,
            "new-0-parent": tree.district.pk,
            "new-1-kind": UnitKind.GRASSROOTS_COMMITTEE,
            "new-2-kind": UnitKind.GRASSROOTS_COMMITTEE,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    event = UnitEvent.objects.get()
    new = Unit.objects.get(code="X-TK")
    assert set(event.targets.all()) == {new} and new.valid_from == date(2025, 7, 1)
    tree.commune_a.refresh_from_db()
    tree.branch_a.refresh_from_db()
    assert tree.commune_a.valid_to == tree.branch_a.valid_to == date(2025, 6, 30)
    page = text(as_user(office_district).get(reverse("unit:inspect", args=[new.pk])))
    assert "Đảng bộ xã Đồng Văn" in page and "Đảng bộ xã Tân Xuân" in page  # lineage back


def test_event_form_problems_are_shown(as_user, office_a, tree):
    response = as_user(office_a).post(
        reverse("unit_event:add"),
        {
            "date": "01/07/2025",
            "kind": EventKind.MERGE,
            "sources": [tree.branch_a.pk],
            "new-TOTAL_FORMS": "0",
            "new-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "sources" in errors and "targets" in errors
    assert not UnitEvent.objects.exists() and not ModelLogEntry.objects.exists()


def test_rename_through_the_event_form_needs_the_unit_once(as_user, office_a, tree):
    response = as_user(office_a).post(
        reverse("unit_event:add"),
        {
            "date": "01/01/2024",
            "kind": EventKind.RENAME,
            "sources": [tree.branch_a.pk],
            "name": "Chi bộ xóm Một",
            "new-TOTAL_FORMS": "0",
            "new-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    tree.branch_a.refresh_from_db()
    assert tree.branch_a.name == "Chi bộ xóm Một"


def test_unit_page_shows_posts_and_history(as_user, office_a, tree, person_a):
    page = text(as_user(office_a).get(reverse("unit:inspect", args=[tree.commune_a.pk])))
    assert "Nguyễn Văn An" in page
    assert tree.branch_a.name in page  # a sub-unit
    assert "01/01/2010" in page  # dates as dd/mm/yyyy


def test_the_unit_page_links_its_members_and_posts_lists(as_user, office_a, tree):
    """The unit's page leads to the people and posts lists filtered to it and below."""
    client = as_user(office_a)
    html = client.get(reverse("unit:inspect", args=[tree.commune_a.pk])).content.decode()
    people = f'{reverse("person:index")}?unit={tree.commune_a.pk}'
    posts = f'{reverse("position:index")}?unit={tree.commune_a.pk}'
    assert people in html and posts in html
    assert "Đảng viên của đơn vị và các đơn vị trực thuộc" in html
    assert client.get(people).status_code == 200 and client.get(posts).status_code == 200
