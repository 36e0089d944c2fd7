"""An approved rotation plan is closed to imports as it is to screens: its rotations are
not added, moved or rewritten, its name and years are kept; ending a rotation (end date,
evaluation) and writing the plan's evaluation stay open; the same file again passes."""

import pytest

from dangbo.rotation.models import PlanStatus, Rotation, RotationPlan
from tests.interchange.helpers import DATASET, run_import, write_dataset

pytestmark = pytest.mark.django_db

PLANS = """code,name,unit_code,kind,start_year,end_year
KH-1,Kế hoạch luân chuyển 2021-2025,HU,term,2021,2025
"""
ROTATIONS = """code,person_code,to_unit_code,to_role,start_date,planned_months,plan,end_date
LC-1,P1,XB,head,2021-03-01,36,KH-1,
"""


def _import(tmp_path, name, plans=PLANS, rotations=ROTATIONS):
    files = dict(DATASET, rotation_plans=plans, rotations=rotations)
    return run_import(write_dataset(tmp_path / name, files))


@pytest.fixture
def approved(tmp_path):
    code, out, err = _import(tmp_path, "first")
    assert code == 0, err
    RotationPlan.objects.filter(code="KH-1").update(status=PlanStatus.APPROVED)


def test_the_same_file_again_passes(approved, tmp_path):
    code, _out, err = _import(tmp_path, "again")
    assert code == 0, err


def test_a_rotation_rewritten_or_added_is_refused(approved, tmp_path):
    moved = ROTATIONS.replace("LC-1,P1,XB,head,2021-03-01,36", "LC-1,P1,XB,head,2021-03-01,48")
    code, _out, err = _import(tmp_path, "moved", rotations=moved)
    assert code != 0
    assert "approved" in err.lower() or "phê duyệt" in err
    assert Rotation.objects.get(code="LC-1").planned_months == 36

    added = ROTATIONS + "LC-2,P2,XA,deputy,2021-03-01,36,KH-1,\n"
    code, _out, err = _import(tmp_path, "added", rotations=added)
    assert code != 0
    assert not Rotation.objects.filter(code="LC-2").exists()


def test_ending_a_rotation_stays_open(approved, tmp_path):
    ended = ROTATIONS.replace("KH-1,\n", "KH-1,2024-03-01\n")
    code, _out, err = _import(tmp_path, "ended", rotations=ended)
    assert code == 0, err
    assert str(Rotation.objects.get(code="LC-1").end_date) == "2024-03-01"


def test_an_approved_plan_keeps_its_name_and_years(approved, tmp_path):
    renamed = PLANS.replace("Kế hoạch luân chuyển 2021-2025", "Tên khác")
    code, _out, err = _import(tmp_path, "renamed", plans=renamed)
    assert code != 0
    assert RotationPlan.objects.get(code="KH-1").name == "Kế hoạch luân chuyển 2021-2025"

    evaluated = (
        "code,name,unit_code,kind,start_year,end_year,evaluation\n"
        + PLANS.splitlines()[1]
        + ",Hoàn thành\n"
    )
    code, _out, err = _import(tmp_path, "evaluated", plans=evaluated)
    assert code == 0, err
    assert RotationPlan.objects.get(code="KH-1").evaluation == "Hoàn thành"
