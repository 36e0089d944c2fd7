"""The Tân Kỳ acceptance story, as far as the foundation carries it, from the system itself."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from dangbo.accounts.models import User
from dangbo.core.audit import history
from dangbo.core.models import RuleSettings
from dangbo.org.models import Unit
from dangbo.org.selectors import lineage, unit_tree
from dangbo.people.models import Person, Position
from dangbo.reviews.management.commands.review import OPERATOR


@pytest.fixture
def demo(db):
    call_command("demo", "--no-serve", stdout=StringIO(), stderr=StringIO())


def tenure(*args) -> list[dict]:
    out = StringIO()
    call_command("review", "tenure", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_demo_twice_changes_nothing(demo):
    counts = (Unit.objects.count(), Person.objects.count(), Position.objects.count())
    call_command("demo", "--no-serve", stdout=StringIO(), stderr=StringIO())
    assert (Unit.objects.count(), Person.objects.count(), Position.objects.count()) == counts
    assert counts[0] > 50 and counts[1] > 100


def test_review_with_deputies_shows_cadres_over_two_terms(demo):
    rows = tenure("--as-of", "2019-06-30", "--include-deputies")
    over = [r for r in rows if r["status"] == "over"]
    assert len(over) >= 8
    assert {r["role"] for r in over} == {"head", "deputy"}
    assert any(len(r["holdings"]) > 1 for r in over)  # a re-election chained across a gap
    heads_only = tenure("--as-of", "2019-06-30")
    assert len(heads_only) < len(rows)
    assert RuleSettings.load().tenure_include_deputies is True


def test_the_quoted_secretary_has_no_finding(demo):
    secretary = Person.objects.get(full_name="Bùi Thanh Bảo")
    for year in range(2015, 2026):
        rows = tenure("--as-of", f"{year}-06-30", "--include-deputies")
        assert secretary.code not in {r["person_code"] for r in rows}


def test_the_2025_reform_is_history(demo):
    district = Unit.objects.get(code="HU-TK")
    assert district.valid_to == date(2025, 6, 30)
    new_commune = Unit.objects.get(name="Đảng bộ xã Tân Kỳ", valid_from=date(2025, 7, 1))
    predecessors = {u.code for step in lineage(new_commune, direction="back") for u in step.units}
    assert {"TT-TANKY", "X-NGHIADUNG", "X-KYTAN", "X-KYSON"} <= predecessors
    before = [n.unit.code for n in unit_tree(user=OPERATOR, as_of=date(2019, 6, 30))[0].children]
    after = [n.unit.code for n in unit_tree(user=OPERATOR, as_of=date(2025, 7, 1))[0].children]
    assert "HU-TK" in before and "HU-TK" not in after
    assert new_commune.code in after
    assert Position.objects.filter(unit__code="X-NGHIADUNG").exists()  # history stays attached


def test_demo_logins_one_per_role(demo):
    roles = set(User.objects.exclude(role="").values_list("role", flat=True))
    assert len(roles) == 7
    assert User.objects.get(username="admin").is_superuser


def test_import_is_audited(demo):
    unit = Unit.objects.get(code="HU-TK")
    assert history(unit).filter(action="dangbo.create").exists()
