"""The demo, exported (CSV folder and .xlsx) and imported into an empty database, is equal
table by table and field by field; ids, users and the audit log aside (INTERCHANGE.md)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import models

from dangbo.assessment.models import Assessment, Assistance, AssistanceProgress
from dangbo.demo.management.commands.demo import DATA
from dangbo.discipline.models import DisciplineCase
from dangbo.interchange.exporters import export_dataset
from dangbo.interchange.models import ImportRun
from dangbo.org.models import Unit, UnitEvent
from dangbo.org.scope import OPERATOR
from dangbo.people.models import Person, Position
from dangbo.ratings.models import Rating
from dangbo.rotation.models import Rotation, RotationPlan
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport
from tests.interchange.helpers import run_import

pytestmark = pytest.mark.django_db

# Children first, so that the tables can be emptied in this order.
MODELS = [
    AssistanceProgress,
    Assistance,
    Assessment,
    Rating,
    DisciplineCase,
    SupervisionReport,
    SupervisionAssignment,
    Rotation,
    RotationPlan,
    Position,
    Person,
    UnitEvent,
    Unit,
]
# Not data of the dataset: ids and derived or audit fields (who overrode, when); the users.
LEFT_OUT = {"id", "path", "search_text", "source_codes", "override_by", "override_at"}


def natural_key(instance):
    if isinstance(instance, Unit | Person | RotationPlan):
        return instance.code
    if isinstance(instance, Assistance):
        return (instance.unit.code, instance.helper.code, instance.start_date)
    raise AssertionError(f"no natural key for {type(instance).__name__}")


def dump() -> dict[str, list]:
    tables = {}
    for model in MODELS:
        rows = []
        for instance in model.objects.all():
            row = {}
            for field in model._meta.get_fields():
                if field.name in LEFT_OUT or field.auto_created and not field.concrete:
                    continue
                if isinstance(field, models.ManyToManyField):
                    row[field.name] = sorted(
                        natural_key(u) for u in getattr(instance, field.name).all()
                    )
                elif isinstance(field, models.ForeignKey):
                    target = getattr(instance, field.name)
                    row[field.name] = natural_key(target) if target is not None else None
                elif field.concrete:
                    row[field.name] = getattr(instance, field.name)
            rows.append(row)
        tables[model._meta.label] = sorted(rows, key=repr)
    return tables


def empty_the_domain_tables():
    for model in MODELS:
        if model is Unit:
            for unit in Unit.objects.order_by("-path"):
                unit.delete()
        else:
            model.objects.all().delete()


def enter_on_the_screens():
    """What the demo dataset does not hold but users enter on the screens."""
    case = DisciplineCase.objects.order_by("code").first()
    case.ideological_work_date = date(2017, 3, 1)
    case.ideological_work_note = "Đã gặp gỡ, động viên; đương sự nhận khuyết điểm."
    case.decided_by = "=Ủy ban Kiểm tra Huyện ủy"  # text beginning like a formula
    case.save()
    rotation = Rotation.objects.order_by("code").first()
    rotation.evaluation = "Hoàn thành tốt nhiệm vụ."
    rotation.override_reason = "-Ban Thường vụ quyết định vẫn luân chuyển"
    rotation.save()
    plan = rotation.plan
    plan.kind, plan.start_year, plan.end_year = "term", 2016, 2020
    plan.evaluation = "Đạt mục tiêu đề ra."
    plan.save()
    RotationPlan.objects.create(
        code="KH-LC-2021", name="Kế hoạch 2021", kind="annual", unit=plan.unit, start_year=2021
    )
    report = SupervisionReport.objects.order_by("pk").first()
    report.summary = "@Báo cáo quý: địa bàn ổn định."
    report.save()
    # A supporting body's help: the demo's progress notes are the lead bodies'.
    help_ = Assistance.objects.filter(role="support").order_by("pk").first()
    AssistanceProgress.objects.create(
        assistance=help_, year=help_.start_date.year, note="Đã củng cố chi bộ."
    )
    AssistanceProgress.objects.create(
        assistance=help_, year=help_.start_date.year + 1, note="'=Chi bộ đạt trong sạch"
    )


@pytest.mark.parametrize("target", ["folder", "dataset.xlsx"])
def test_the_demo_exported_and_imported_into_an_empty_database_is_the_same(tmp_path, target):
    call_command("import", str(DATA), "--quiet", stdout=StringIO(), stderr=StringIO())
    enter_on_the_screens()
    before = dump()
    assert all(before.values()), [name for name, rows in before.items() if not rows]
    export_dataset(tmp_path / target, user=OPERATOR)
    empty_the_domain_tables()
    assert not any(dump().values())
    code, out, err = run_import(tmp_path / target)
    assert code == 0, err
    after = dump()
    for name in before:
        assert after[name] == before[name], name


def test_a_dataset_without_the_added_columns_keeps_what_the_screens_entered(tmp_path):
    call_command("import", str(DATA), "--quiet", stdout=StringIO(), stderr=StringIO())
    enter_on_the_screens()
    before = dump()
    # The demo's own files are written in the format before the additions.
    code, out, err = run_import(DATA)
    assert code == 0, err
    assert dump() == before


def test_bad_plans_and_progress_notes_are_reported_with_row_and_column(tmp_path):
    call_command("import", str(DATA), "--quiet", stdout=StringIO(), stderr=StringIO())
    notes = AssistanceProgress.objects.count()  # the demo's own progress notes
    help_ = Assistance.objects.select_related("unit", "helper").order_by("pk").first()
    start = help_.start_date.isoformat()
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "rotation_plans.csv").write_text(
        "code,name,unit_code,kind,start_year,end_year,evaluation\n"
        "KH-X,Kế hoạch X,HU-TK,term,2020,2016,\n"
        "KH-Y,Kế hoạch Y,NO-SUCH,weekly,2020,2021,\n",
        encoding="utf-8",
    )
    (folder / "assistance_progress.csv").write_text(
        "unit_code,helper_code,start_date,year,note\n"
        f"{help_.unit.code},{help_.helper.code},{start},{help_.start_date.year - 1},Sớm quá\n"
        f"{help_.unit.code},{help_.helper.code},1999-01-01,2020,Không có\n"
        f"{help_.unit.code},{help_.helper.code},{start},{help_.start_date.year},\n",
        encoding="utf-8",
    )
    code, out, err = run_import(folder)
    assert code == 1
    errors = {(e["file"], e["row"], e["column"]) for e in ImportRun.objects.latest("pk").errors}
    assert errors == {
        ("rotation_plans", 2, "end_year"),
        ("rotation_plans", 3, "kind"),
        ("assistance_progress", 2, "year"),
        ("assistance_progress", 3, "start_date"),
        ("assistance_progress", 4, "note"),
    }
    assert not RotationPlan.objects.filter(code__in=["KH-X", "KH-Y"]).exists()
    assert AssistanceProgress.objects.count() == notes
