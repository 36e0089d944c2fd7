"""The Tân Kỳ acceptance story, from the system itself."""

import json
from datetime import date
from io import StringIO

from django.core.management import call_command
from wagtail.models import ModelLogEntry

from dangbo.accounts.models import Grant, User
from dangbo.assessment.models import Assessment, Assistance
from dangbo.core.audit import history
from dangbo.core.models import RuleSettings
from dangbo.discipline.models import DisciplineCase
from dangbo.interchange.models import ImportRun
from dangbo.org.models import Unit
from dangbo.org.scope import OPERATOR
from dangbo.org.selectors import lineage, unit_tree
from dangbo.people.models import Person, Position
from dangbo.ratings.models import Rating
from dangbo.rotation.models import Rotation
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport


def review(name, *args) -> list[dict]:
    out = StringIO()
    call_command("review", name, *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def tenure(*args) -> list[dict]:
    return review("tenure", *args)


def test_demo_twice_changes_nothing(demo):
    counts = (Unit.objects.count(), Person.objects.count(), Position.objects.count())
    entries = ModelLogEntry.objects.count()
    err = StringIO()
    call_command("demo", "--no-serve", stdout=StringIO(), stderr=err)
    assert (Unit.objects.count(), Person.objects.count(), Position.objects.count()) == counts
    assert counts[0] > 50 and counts[1] > 100
    assert ModelLogEntry.objects.count() == entries  # nothing created or updated
    run = ImportRun.objects.order_by("-pk").first()
    assert run.error_count == 0 and run.warnings == [], err.getvalue()
    for name in STORY_FILES:
        assert run.counts[name]["unchanged"] > 0, name
        assert run.counts[name]["created"] == run.counts[name]["updated"] == 0, name


STORY_FILES = (
    "rotations",
    "assessments",
    "assistance",
    "supervision_assignments",
    "supervision_reports",
    "discipline",
    "ratings",
)


def test_six_cadres_rotated_to_weak_communes_without_a_finding(demo):
    rotations = Rotation.objects.all()
    assert rotations.count() == 6
    assert sorted(r.to_role for r in rotations) == ["deputy"] * 3 + ["head"] * 3
    assert {r.plan.code for r in rotations} == {"KH-LC-2016-2020"}
    # The plan belongs to the district committee above the boards and communes it moves
    # cadres between, so the district office sees it.
    assert rotations[0].plan.unit.code == "HU-TK"
    assert review("rotations") == []


def test_nine_weak_communes_each_helped_by_one_lead_body(demo):
    weak = Assessment.objects.filter(year=2016, level="weak")
    assert weak.count() == 9
    assert all(a.score < 50 for a in weak)
    leads = Assistance.objects.filter(role="lead", start_date__lte=date(2017, 3, 31))
    per_commune = {a.unit.code: leads.filter(unit=a.unit).count() for a in weak}
    assert set(per_commune.values()) == {1}
    bodies = {lead.helper.code for lead in leads.filter(unit__in=[a.unit for a in weak])}
    assert len(bodies) == 9  # nine named bodies, one commune each
    assert review("assistance", "--year", "2016") == []


def test_2018_two_communes_excellent_the_other_weak_ones_fulfilled(demo):
    weak_units = Assessment.objects.filter(year=2016, level="weak").values("unit")
    ratings = Rating.objects.filter(year=2018, subject_kind="unit", unit__in=weak_units)
    levels = {r.unit.name: r.level for r in ratings}
    excellent = {name for name, level in levels.items() if level == "xuat_sac"}
    assert excellent == {"Đảng bộ xã Đồng Văn", "Đảng bộ xã Tân Xuân"}
    assert sorted(level for level in levels.values() if level != "xuat_sac") == (["hoan_thanh"] * 7)
    assert review("ratings", "--year", "2018") == []


def test_supervision_reports_are_due_on_the_25th(demo):
    rows = review("supervision", "--period", "2019Q1", "--as-of", "2019-04-30")
    assert rows
    assert {row["due"] for row in rows} == {"2019-03-25"}
    assert SupervisionReport.objects.filter(period="2019Q1").count() == len(
        [r for r in rows if r["submitted"]]
    )


def test_discipline_cases_one_open_one_with_a_complaint(demo):
    rows = review("discipline", "--as-of", "2020-12-31")
    # The review as of D holds the cases decided by then: the nine of 2016-2020.
    assert len(rows) == DisciplineCase.objects.filter(decided_date__lte="2020-12-31").count() == 9
    assert not any(row["complaint_late"] for row in rows)
    # KL-2025-01 is open at the ideological-work step; KL-2023-01 had a complaint, upheld.
    open_case = DisciplineCase.objects.get(decided_date=None)
    assert open_case.code == "KL-2025-01" and open_case.form == ""
    complained = DisciplineCase.objects.exclude(complaint_date=None).get()
    assert (complained.code, complained.complaint_outcome) == ("KL-2023-01", "upheld")
    later = {r["case_code"]: r for r in review("discipline", "--as-of", "2026-12-01")}
    assert "KL-2025-01" not in later and not later["KL-2023-01"]["complaint_late"]


def test_none_of_the_story_is_attached_to_the_quoted_secretary(demo):
    secretary = Person.objects.get(code="P0002")
    assert secretary.full_name == "Bùi Thanh Bảo"
    assert not Rotation.objects.filter(person=secretary).exists()
    assert not SupervisionAssignment.objects.filter(person=secretary).exists()
    assert not SupervisionReport.objects.filter(person=secretary).exists()
    assert not DisciplineCase.objects.filter(person=secretary).exists()
    assert not Rating.objects.filter(person=secretary).exists()


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
    from dangbo.accounts.models import UserRole

    roles = set(Grant.objects.values_list("role", flat=True))
    assert roles == set(UserRole.values)  # every role has a demo login
    assert User.objects.get(username="admin").is_superuser


def test_import_is_audited(demo):
    unit = Unit.objects.get(code="HU-TK")
    assert history(unit).filter(action="dangbo.create").exists()


def test_demo_logins_have_full_names(demo):
    """Timelines and histories show a person's name, not "ubkt.huyen" (user_display_name)."""
    from dangbo.demo.users import DEMO_LOGINS

    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        assert user.first_name and user.get_full_name() not in ("", login.username)
        if login.person:
            assert user.get_full_name() == Person.objects.get(code=login.person).full_name
    cuv = User.objects.get(username="cuv.huyen")
    assert (cuv.last_name, cuv.first_name, cuv.get_full_name()) == (
        "Ngô Văn",
        "Định",
        "Ngô Văn Định",
    )
    assert User.objects.get(username="ubkt.huyen").get_full_name() == "Phan Văn Hùng"


def _relabelling():
    """Core migration 0004 (its name starts with a digit: imported by name)."""
    import importlib

    return importlib.import_module("dangbo.core.migrations.0004_import_labels_in_words")


def _imported_entries():
    from django.contrib.contenttypes.models import ContentType

    for app_label, name in _relabelling().LABELS:
        content_type = ContentType.objects.get(app_label=app_label, model=name.lower())
        model = content_type.model_class()
        entries = ModelLogEntry.objects.filter(content_type=content_type, data__source="import")
        yield model, entries


def test_imported_history_labels_are_words_as_the_screens_write_them(demo):
    unit_rating = Rating.objects.get(unit__code="TT-TANKY", person=None, year=2019)
    entry = history(unit_rating).get(action="dangbo.create")
    assert (
        entry.label
        == str(unit_rating)
        == f"{unit_rating.unit.name} 2019: Hoàn thành xuất sắc nhiệm vụ"
    )
    for model, entries in _imported_entries():
        assert entries.exists(), model
        records = model.objects.in_bulk([int(e.object_id) for e in entries])
        for entry in entries:
            assert entry.label == str(records[int(entry.object_id)]), entry.label


def test_the_migration_writes_the_codes_stored_before_in_words(demo):
    """Entries an older importer wrote with codes ("X-TANXUAN 2019: xuat_sac") get the
    label of the record as it is now (core migration 0004)."""
    from django.apps import apps

    touched = 0
    for _model, entries in _imported_entries():
        entries.update(label="P0001 2019: xuat_sac")
        touched += entries.count()
    _relabelling().relabel(apps, None)
    assert touched > 100
    for model, entries in _imported_entries():
        records = model.objects.in_bulk([int(e.object_id) for e in entries])
        for entry in entries:
            assert entry.label == str(records[int(entry.object_id)]), (model, entry.label)
