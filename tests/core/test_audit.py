"""The audit trail: snapshots, differences, and how the History screens describe them."""

from datetime import date

from django.urls import reverse
from django.utils import translation
from wagtail.log_actions import registry

from dangbo.core import audit
from dangbo.org import services
from dangbo.org.models import UnitKind


def test_snapshot_leaves_out_derived_fields_and_keeps_plain_values(tree):
    snap = audit.snapshot(tree.branch_a)
    assert snap["parent_id"] == tree.commune_a.pk
    assert "path" not in snap and "search_text" not in snap and "id" not in snap


def test_diff_lists_only_changed_fields():
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"b": [2, 3]}
    assert audit.diff(None, {"a": 1}) == {"a": [None, 1]}


def test_our_actions_are_registered():
    labels = dict(registry.get_choices())
    assert {audit.CREATE, audit.UPDATE, audit.END} <= set(labels)


def test_message_lists_changed_fields_before_and_after(office_a, tree):
    services.unit_update(
        actor=office_a,
        unit=tree.branch_a,
        name="Chi bộ xóm Một",
        kind=UnitKind.OTHER,
        parent=tree.commune_a,
        valid_from=date(2001, 2, 3),
        valid_to=None,
    )
    entry = audit.history(tree.branch_a).get()
    with translation.override("en"):
        message = entry.message
    assert message.startswith("Changed on screen: ")
    assert "name: Chi bộ xóm 1 → Chi bộ xóm Một" in message
    assert "kind: Branch → Other" in message  # choices by their label
    assert "valid from: — → 03/02/2001" in message  # dates as dd/mm/yyyy


def test_end_and_create_messages(office_a, tree):
    services.unit_end(actor=office_a, unit=tree.branch_a, valid_to=date(2025, 6, 30))
    unit = services.unit_create(
        actor=office_a,
        code="CB-2",
        name="Chi bộ 2",
        kind=UnitKind.BRANCH,
        parent=tree.commune_a,
        source=audit.SOURCE_IMPORT,
    )
    with translation.override("en"):
        ended = audit.history(tree.branch_a).get().message
        created = audit.history(unit).get().message
    assert ended == "Ended on screen: valid to: — → 30/06/2025"
    assert created.startswith("Created by import: ") and "code: — → CB-2" in created


def test_site_history_report_shows_no_other_communes_changes(client, office_a, tree, superuser):
    """Wagtail's site-wide history asks Django permissions, which our roles never hold."""
    services.unit_end(actor=superuser, unit=tree.commune_b, valid_to=date(2025, 6, 30))
    client.force_login(office_a)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert "Tân Xuân" not in response.content.decode()


def test_messages_name_related_records_and_skip_blank_fields(office_a, tree):
    unit = services.unit_create(
        actor=office_a, code="CB-3", name="Chi bộ 3", kind=UnitKind.BRANCH, parent=tree.commune_a
    )
    with translation.override("en"):
        message = audit.history(unit).get().message
    assert "parent unit: — → Đảng bộ xã Đồng Văn (X-DV)" in message  # a name, not an id
    assert "valid to" not in message  # blank before and after: not a change
