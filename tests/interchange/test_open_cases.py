"""A discipline case not decided yet imports and exports (docs/interchange.md, discipline).

The format only grows: form, decided_date and announced_date stay required columns, whose
cells may be blank for a case still at the ideological-work step.
"""

import csv
import json
from io import StringIO

from django.core.management import call_command

from dangbo.discipline.models import DisciplineCase
from dangbo.interchange.exporters import export_dataset
from dangbo.interchange.models import ImportRun
from dangbo.org.scope import OPERATOR
from tests.interchange.helpers import run_import, write_dataset

HEADER = (
    "code,subject_kind,subject_code,violation_date,form,decided_date,announced_date,"
    "complaint_date\n"
)


def test_an_open_case_imports_exports_and_is_left_out_of_the_review(tmp_path, tree):
    rows = HEADER + (
        "K-OPEN,unit,X-DV,2024-03-01,,,,\n"
        "K-DONE,unit,X-DV,2018-01-01,canh_cao,2018-03-01,2018-03-05,\n"
        "K-LATER,unit,X-TX,2024-01-01,khien_trach,2024-06-01,,\n"
    )
    code, out, err = run_import(write_dataset(tmp_path / "in", {"discipline": rows}))
    assert code == 0, err
    opened = DisciplineCase.objects.get(code="K-OPEN")
    assert (opened.form, opened.decided_date, opened.announced_date) == ("", None, None)
    # Exported as it came in: blank cells, and the same dataset imports again unchanged.
    export_dataset(tmp_path / "out", user=OPERATOR)
    with open(tmp_path / "out" / "discipline.csv", encoding="utf-8-sig") as f:
        exported = {r["code"]: r for r in csv.DictReader(f)}
    assert exported["K-OPEN"]["form"] == exported["K-OPEN"]["decided_date"] == ""
    assert run_import(tmp_path / "out")[0] == 0
    assert DisciplineCase.objects.count() == 3
    # The review as of D: only the cases decided by D, the decided ones as before.
    out = StringIO()
    call_command("review", "discipline", "--as-of", "2024-05-31", "--json", stdout=out)
    assert [r["case_code"] for r in json.loads(out.getvalue())] == ["K-DONE"]
    out = StringIO()
    call_command("review", "discipline", "--as-of", "2024-06-30", "--json", stdout=out)
    later = {r["case_code"]: r for r in json.loads(out.getvalue())}
    assert set(later) == {"K-DONE", "K-LATER"}
    assert later["K-LATER"]["in_force"] is False and later["K-LATER"]["expires_on"] is None


def test_steps_skipped_in_a_row_are_reported(tmp_path, tree):
    rows = HEADER + (
        "K1,unit,X-DV,2024-03-01,canh_cao,,,\n"
        "K2,unit,X-DV,2024-03-01,,2024-04-01,,\n"
        "K3,unit,X-DV,2024-03-01,,,2024-04-01,\n"
        "K4,unit,X-DV,2024-03-01,canh_cao,2024-04-01,,2024-05-01\n"
    )
    code, out, err = run_import(write_dataset(tmp_path, {"discipline": rows}))
    assert code == 1
    errors = {(e["row"], e["column"]) for e in ImportRun.objects.get().errors}
    assert errors == {(2, "form"), (3, "form"), (4, "announced_date"), (5, "complaint_date")}
    assert not DisciplineCase.objects.exists()
