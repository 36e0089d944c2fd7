"""The migration to grants keeps every user's access: one open grant per unit and role held."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0001_initial")]
AFTER = [("accounts", "0002_grants")]


@pytest.mark.django_db(transaction=True)
def test_each_user_keeps_their_unit_and_role_as_a_grant():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Unit = old.get_model("org", "Unit")
    User = old.get_model("accounts", "User")
    unit = Unit.objects.create(
        code="X-DV", name="Đồng Văn", kind="grassroots_committee", path="/x/"
    )
    User.objects.create(username="office", unit=unit, role="organization_office")
    User.objects.create(username="nobody")
    User.objects.create(username="half", unit=unit, role="")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Grant = new.get_model("accounts", "Grant")
    grants = list(Grant.objects.values_list("user__username", "unit__code", "role", "valid_to"))
    assert grants == [("office", "X-DV", "organization_office", None)]

    # And back: the unit and role return to the user.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    office = old.get_model("accounts", "User").objects.get(username="office")
    assert (office.unit_id, office.role) == (unit.pk, "organization_office")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
