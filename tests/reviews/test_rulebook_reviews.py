"""`dangbo review rotations|assistance|supervision|discipline|ratings --json` (INTERCHANGE.md)."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dangbo.assessment.models import Assessment, Assistance
from dangbo.discipline.models import DisciplineCase
from dangbo.org.models import UnitKind
from dangbo.ratings.models import Rating
from dangbo.rotation.models import Rotation
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport
from tests.factories import PersonFactory, UnitFactory


def review(*args, user=None) -> list[dict]:
    out = StringIO()
    extra = ["--user", user.username] if user else []
    call_command("review", *args, "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


def test_rotations_lists_only_rotations_with_findings(tree):
    old = PersonFactory(code="P-OLD", birth_date=date(1970, 5, 17), unit=tree.district)
    young = PersonFactory(code="P-YOUNG", birth_date=date(1988, 1, 1), unit=tree.district)
    for code, person, months in (("LC-2", old, 24), ("LC-1", young, 36)):
        Rotation.objects.create(
            code=code,
            person=person,
            to_unit=tree.commune_a,
            to_role="head",
            start_date=date(2025, 1, 1),
            planned_months=months,
        )
    rows = review("rotations")
    assert [(r["rotation_code"], r["person_code"], r["findings"]) for r in rows] == [
        ("LC-2", "P-OLD", ["too_close_to_retirement", "too_short"])
    ]
    assert "65-QĐ/TW" in rows[0]["rule"]


def test_assistance_needs_exactly_one_lead_on_31_march(tree):
    boards = [
        UnitFactory(code=f"BAN-{i}", kind=UnitKind.BOARD, parent=tree.district) for i in range(3)
    ]
    third = UnitFactory(code="X-3", parent=tree.district)
    for unit in (tree.commune_a, tree.commune_b, third):
        Assessment.objects.create(year=2016, unit=unit, score=Decimal(40), level="weak")
    Assessment.objects.create(year=2016, unit=tree.branch_a, score=Decimal(80), level="good")
    for board in boards[:2]:
        Assistance.objects.create(
            unit=tree.commune_b, helper=board, role="lead", start_date=date(2017, 1, 1)
        )
    Assistance.objects.create(
        unit=third, helper=boards[2], role="lead", start_date=date(2017, 1, 1)
    )
    # A lead whose help ended before 31 March 2017 does not count.
    Assistance.objects.create(
        unit=tree.commune_a,
        helper=boards[2],
        role="lead",
        start_date=date(2016, 6, 1),
        end_date=date(2017, 3, 30),
    )
    rows = review("assistance", "--year", "2016")
    assert [(r["unit_code"], r["finding"]) for r in rows] == [
        ("X-DV", "no_lead_helper"),
        ("X-TX", "two_leads"),
    ]


@pytest.fixture
def supervision(tree):
    people = [PersonFactory(code=f"CUV-{i}", unit=tree.district) for i in (1, 2, 3)]
    for person in people:
        SupervisionAssignment.objects.create(
            person=person, unit=tree.commune_a, start_date=date(2016, 1, 1)
        )
    SupervisionReport.objects.create(
        person=people[0], period="2019Q1", submitted_date=date(2019, 3, 20)
    )
    SupervisionReport.objects.create(
        person=people[1], period="2019Q1", submitted_date=date(2019, 3, 28)
    )
    return people


def test_supervision_reports_due_on_the_25th(supervision):
    rows = review("supervision", "--period", "2019Q1", "--as-of", "2019-04-01")
    assert [(r["person_code"], r["due"], r["submitted"], r["status"]) for r in rows] == [
        ("CUV-1", "2019-03-25", "2019-03-20", "on_time"),
        ("CUV-2", "2019-03-25", "2019-03-28", "late"),
        ("CUV-3", "2019-03-25", None, "missing"),
    ]


def test_supervision_does_not_know_reports_submitted_after_the_review_date(supervision):
    rows = review("supervision", "--period", "2019Q1", "--as-of", "2019-03-21")
    assert [(r["submitted"], r["status"]) for r in rows] == [
        ("2019-03-20", "on_time"),
        (None, "not_due"),
        (None, "not_due"),
    ]


def test_discipline_keys_and_expiry(person_a, tree):
    DisciplineCase.objects.create(
        code="KL-1",
        subject_kind="person",
        person=person_a,
        unit=tree.commune_a,
        violation_date=date(2018, 3, 1),
        form="khien_trach",
        decided_date=date(2018, 6, 1),
        announced_date=date(2018, 6, 5),
    )
    [row] = review("discipline", "--as-of", "2019-01-01")
    assert row["case_code"] == "KL-1"
    assert row["time_barred"] is False
    assert row["expires_on"] == "2019-06-05"
    assert row["in_force"] is True
    assert row["promotion_bar_until"] == "2019-06-05"
    assert row["complaint_late"] is False
    assert "69-QĐ/TW" in row["rule"]
    [later] = review("discipline", "--as-of", "2019-06-05")
    assert later["in_force"] is False


def test_ratings_quota(tree):
    units = [UnitFactory(code=f"X-{i:02d}", parent=tree.district) for i in range(11)]
    for i, unit in enumerate(units):
        level = "xuat_sac" if i < 2 else "tot"
        Rating.objects.create(year=2018, subject_kind="unit", unit=unit, group="xa", level=level)
    rows = review("ratings", "--year", "2018")
    assert [(r["finding"], r["group"], r["subject_code"]) for r in rows] == [
        ("quota_exceeded", "xa", None)
    ]
    Rating.objects.create(
        year=2018, subject_kind="unit", unit=tree.commune_b, group="xa", level="tot"
    )
    assert review("ratings", "--year", "2018") == []


def test_reviews_are_scoped_to_the_user(person_a, person_b, tree, office_a):
    for code, person, unit in (
        ("KL-A", person_a, tree.commune_a),
        ("KL-B", person_b, tree.commune_b),
    ):
        DisciplineCase.objects.create(
            code=code,
            subject_kind="person",
            person=person,
            unit=unit,
            violation_date=date(2018, 3, 1),
            form="khien_trach",
            decided_date=date(2018, 6, 1),
            announced_date=date(2018, 6, 5),
        )
    assert [r["case_code"] for r in review("discipline", "--as-of", "2019-01-01")] == [
        "KL-A",
        "KL-B",
    ]
    assert [
        r["case_code"] for r in review("discipline", "--as-of", "2019-01-01", user=office_a)
    ] == ["KL-A"]


def test_tables_print_without_json(supervision):
    out = StringIO()
    call_command("review", "supervision", "--period", "2019Q1", "--as-of", "2019-04-01", stdout=out)
    text = out.getvalue()
    assert "25/03/2019" in text and "CUV-3" in text


def test_a_bad_quarter_is_a_clear_error(db):
    with pytest.raises(CommandError, match="2019Q5"):
        review("supervision", "--period", "2019Q5", "--as-of", "2019-04-01")
