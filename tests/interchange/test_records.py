"""rotations, assessments, assistance, supervision, discipline, ratings: import and export."""

from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from dangbo.assessment.models import Assessment, Assistance
from dangbo.core.audit import history
from dangbo.discipline.models import DisciplineCase
from dangbo.interchange.exporters import export_dataset
from dangbo.interchange.models import ImportRun
from dangbo.org.scope import OPERATOR
from dangbo.people.models import Person
from dangbo.ratings.models import Rating
from dangbo.rotation.models import Rotation, RotationPlan
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport
from tests.interchange.helpers import DATASET, PEOPLE, POSITIONS, run_import, write_dataset
from tests.interchange.test_roundtrip_and_scope import dump as dump_foundation
from tests.interchange.test_roundtrip_and_scope import empty_database as empty_foundation

pytestmark = pytest.mark.django_db

ROTATIONS = """\
code,person_code,to_unit_code,to_role,start_date,planned_months,from_unit_code,from_role,to_title,reason,plan,end_date
R1,P1,XB,head,2020-01-01,12,XA,head,Bí thư,development,KH1,2020-12-31
"""
ASSESSMENTS = """year,unit_code,score,level
2016,XA,41,weak
2016,XB,80,
"""
ASSISTANCE = """unit_code,helper_code,role,start_date,end_date,plan
XA,HU,lead,2017-01-05,2020-12-31,Củng cố chi bộ
XA,XB,support,2017-01-05,2020-12-31,
"""
ASSIGNMENTS = """person_code,unit_code,start_date,field,end_date
P1,XB,2016-01-01,Xây dựng Đảng,2020-12-31
"""
REPORTS = """person_code,period,submitted_date
P1,2019Q1,2019-03-25
P1,2019Q2,2019-06-26
"""
DISCIPLINE = """\
code,subject_kind,subject_code,violation_date,form,decided_date,announced_date,category,complaint_date,complaint_resolved_date,complaint_outcome,summary
K1,person,P1,2018-01-10,cach_chuc,2018-03-01,2018-03-05,ordinary,2018-03-20,2018-05-01,upheld,Lỗi
K2,unit,XB,2018-01-10,khien_trach,2018-03-01,2018-03-05,,,,,
K3,person,P2,2025-08-01,khien_trach,2025-09-01,2025-09-05,,,,,Đảng viên dự bị
"""
RATINGS = """year,subject_kind,subject_code,group,level,score
2018,unit,XA,dang_bo_xa,xuat_sac,
2018,person,P1,can_bo_xa,tot,85.5
"""
RECORDS = {
    "rotations": ROTATIONS,
    "assessments": ASSESSMENTS,
    "assistance": ASSISTANCE,
    "supervision_assignments": ASSIGNMENTS,
    "supervision_reports": REPORTS,
    "discipline": DISCIPLINE,
    "ratings": RATINGS,
}
FULL = {**DATASET, **RECORDS}
BASES = RECORDS


def header(text: str) -> str:
    return text.splitlines()[0]


def imported(tmp_path, files, *args) -> ImportRun:
    code, out, err = run_import(write_dataset(tmp_path, files), *args)
    assert code == 0, err
    assert "not imported by this version" not in err
    return ImportRun.objects.order_by("-pk").first()


def dump() -> dict:
    data = dump_foundation()
    data.update(
        rotations=sorted(
            Rotation.objects.values_list(
                "code",
                "person__code",
                "to_unit__code",
                "to_role",
                "start_date",
                "planned_months",
                "from_unit__code",
                "from_role",
                "to_title",
                "reason",
                "plan__code",
                "end_date",
            )
        ),
        assessments=sorted(Assessment.objects.values_list("year", "unit__code", "score", "level")),
        assistance=sorted(
            Assistance.objects.values_list(
                "unit__code", "helper__code", "role", "start_date", "end_date", "plan"
            )
        ),
        assignments=sorted(
            SupervisionAssignment.objects.values_list(
                "person__code", "unit__code", "start_date", "field", "end_date"
            )
        ),
        reports=sorted(
            SupervisionReport.objects.values_list("person__code", "period", "submitted_date")
        ),
        discipline=sorted(
            DisciplineCase.objects.values_list(
                "code",
                "subject_kind",
                "person__code",
                "unit__code",
                "violation_date",
                "form",
                "category",
                "decided_date",
                "announced_date",
                "complaint_date",
                "complaint_resolved_date",
                "complaint_outcome",
                "summary",
            )
        ),
        ratings=sorted(
            Rating.objects.values_list(
                "year",
                "subject_kind",
                "person__code",
                "unit__code",
                "group",
                "level",
                "score",
            ),
            key=str,
        ),
    )
    return data


def empty_database():
    for model in (
        Rating,
        DisciplineCase,
        SupervisionReport,
        SupervisionAssignment,
        Assistance,
        Assessment,
        Rotation,
        RotationPlan,
    ):
        model.objects.all().delete()
    empty_foundation()


# Good input ---------------------------------------------------------------------------------


def test_every_file_imports(tmp_path):
    run = imported(tmp_path, FULL)
    for name in RECORDS:
        assert run.counts[name]["created"] == len(RECORDS[name].splitlines()) - 1, name
    rotation = Rotation.objects.get(code="R1")
    assert (rotation.person.code, rotation.to_unit.code, rotation.from_unit.code) == (
        "P1",
        "XB",
        "XA",
    )
    assert rotation.planned_months == 12  # too short: a finding, imported all the same
    assert (rotation.plan.code, rotation.plan.name) == ("KH1", "KH1")  # created from its code
    assert Assessment.objects.get(unit__code="XB").level == "good"  # filled from the score
    assert Assistance.objects.get(helper__code="HU").role == "lead"
    case = DisciplineCase.objects.get(code="K1")
    assert (case.person.code, case.unit.code, case.complaint_outcome) == ("P1", "XA", "upheld")
    # A probationary member (no official date) may be reprimanded; the case is in their unit.
    assert DisciplineCase.objects.get(code="K3").unit.code == "XN"
    assert DisciplineCase.objects.get(code="K2").person is None
    person_rating = Rating.objects.get(subject_kind="person")
    assert (person_rating.unit.code, person_rating.score) == ("XA", Decimal("85.50"))
    assert SupervisionReport.objects.count() == 2
    assert history(rotation).filter(action="dangbo.create").exists()


def test_files_in_any_order_and_references_to_stored_rows(tmp_path):
    imported(tmp_path / "a", DATASET)
    run = imported(tmp_path / "b", RECORDS)  # people, posts and units are stored
    assert run.counts["discipline"]["created"] == 3


def test_vietnamese_headers(tmp_path):
    assessments = "Năm,Đơn vị,Điểm,Mức\n2016,XA,41,weak\n"
    # A rating group by its Vietnamese name (any case, marks or not) is stored as its code.
    ratings = "NĂM,Đối tượng,Mã đối tượng,Nhóm,Xếp loại,Điểm\n2018,unit,XA,chi bo truc thuoc,tot,\n"
    discipline = (
        "Mã,Đối tượng,Mã đối tượng,Ngày vi phạm,Hình thức,Ngày quyết định,Ngày công bố\n"
        "K9,unit,XA,2018-01-01,canh_cao,01/03/2018,2018-03-05\n"
    )
    imported(
        tmp_path,
        {**DATASET, "assessments": assessments, "ratings": ratings, "discipline": discipline},
    )
    assert Assessment.objects.get().score == Decimal("41.00")
    assert (Rating.objects.get().level, Rating.objects.get().group) == ("tot", "chi_bo")
    assert DisciplineCase.objects.get().category == "ordinary"


def test_reimport_changes_nothing(tmp_path):
    imported(tmp_path, FULL)
    entries = ModelLogEntry.objects.count()
    run = imported(tmp_path, FULL)
    for name in RECORDS:
        counts = run.counts[name]
        assert (counts["created"], counts["updated"]) == (0, 0), name
        assert counts["unchanged"] == len(RECORDS[name].splitlines()) - 1, name
    assert ModelLogEntry.objects.count() == entries
    assert RotationPlan.objects.count() == 1


def test_a_row_whose_key_exists_updates_the_record_audited(tmp_path):
    imported(tmp_path / "a", FULL)
    changed = {
        "assessments": ASSESSMENTS.replace("2016,XA,41,weak", "2016,XA,45,weak"),
        "discipline": DISCIPLINE.replace(",upheld,Lỗi", ",upheld,Lỗi nặng"),
        "ratings": RATINGS.replace(
            "2018,unit,XA,dang_bo_xa,xuat_sac,", "2018,unit,XA,dang_bo_xa,tot,"
        ),
        "rotations": ROTATIONS.replace(",12,", ",36,"),
        "supervision_reports": REPORTS.replace("2019-06-26", "2019-06-25"),
    }
    run = imported(tmp_path / "b", changed)
    for name in changed:
        assert run.counts[name]["updated"] == 1, name
    assessment = Assessment.objects.get(unit__code="XA")
    entry = history(assessment).get(action="dangbo.update")
    assert entry.data["before"]["score"] == "41.00"
    assert entry.data["after"]["score"] == "45.00"
    assert entry.data["changes"] == {"score": ["41.00", "45.00"]}
    case = DisciplineCase.objects.get(code="K1")
    assert case.summary == "Lỗi nặng"
    assert history(case).get(action="dangbo.update").data["changes"]["summary"] == [
        "Lỗi",
        "Lỗi nặng",
    ]
    assert Rotation.objects.get().planned_months == 36
    assert Rating.objects.get(subject_kind="unit").level == "tot"


def test_export_then_import_into_an_empty_database_gives_the_same_data(tmp_path):
    imported(tmp_path / "in", FULL)
    before = dump()
    assert all(before[k] for k in ("rotations", "discipline", "ratings", "reports"))
    for target in ("out", "out.xlsx"):
        counts = export_dataset(tmp_path / target, user=OPERATOR)
        assert counts["supervision_reports"] == 2
        empty_database()
        code, out, err = run_import(tmp_path / target)
        assert code == 0, err
        assert dump() == before, target


# Bad input ----------------------------------------------------------------------------------


def rejected(tmp_path, files) -> list[dict]:
    code, out, err = run_import(write_dataset(tmp_path, files))
    assert code == 1, out
    assert "Traceback" not in err
    assert not Person.objects.exists()
    return ImportRun.objects.get().errors


def one_error(tmp_path, name, row_text, **extra) -> dict:
    base = BASES[name]
    files = {**DATASET, **extra, name: header(base) + "\n" + row_text + "\n"}
    errors = rejected(tmp_path, files)
    assert len(errors) == 1, errors
    assert (errors[0]["file"], errors[0]["row"]) == (name, 2)
    return errors[0]


BAD = [
    # (file, row, column, value, part of the message)
    (
        "discipline",
        "K5,person,P2,2025-08-01,khai_tru,2025-09-01,2025-09-05,,,,,",
        "form",
        "khai_tru",
        "A probationary member can only be reprimanded or warned",
    ),
    (
        "discipline",
        "K5,person,P1,2025-08-01,cach_chuc,2025-09-01,2025-09-05,,,,,",
        "form",
        "cach_chuc",
        "Removal from post needs a post held on the decision date.",
    ),
    (
        "discipline",
        "K5,person,P1,2018-08-01,canh_cao,2018-07-01,2018-09-05,,,,,",
        "decided_date",
        "2018-07-01",
        "The decision is dated before the violation.",
    ),
    (
        "discipline",
        "K5,person,P1,2018-08-01,canh_cao,2018-09-01,2018-08-25,,,,,",
        "announced_date",
        "2018-08-25",
        "The announcement is dated before the decision.",
    ),
    (
        "discipline",
        "K5,person,P1,2018-08-01,phat,2018-09-01,2018-09-05,,,,,",
        "form",
        "phat",
        "Unknown value; use one of",
    ),
    (
        "discipline",
        "K5,unit,XA,2018-08-01,cach_chuc,2018-09-01,2018-09-05,,,,,",
        "form",
        "",
        "This form of discipline does not apply to this kind of subject.",
    ),
    (
        "discipline",
        "K5,unit,XA,2018-08-01,canh_cao,2018-09-01,2018-09-05,chinh_tri,,,,",
        "category",
        "chinh_tri",
        "Unknown value; use one of",
    ),
    (
        "discipline",
        "K5,unit,XA,2018-08-01,canh_cao,2018-09-01,2018-09-05,,2018-09-10,2018-10-01,bo,",
        "complaint_outcome",
        "bo",
        "Unknown value; use one of",
    ),
    (
        "discipline",
        "K5,group,XA,2018-08-01,canh_cao,2018-09-01,2018-09-05,,,,,",
        "subject_kind",
        "group",
        "Unknown value; use one of",
    ),
    (
        "discipline",
        "K5,person,XA,2018-08-01,canh_cao,2018-09-01,2018-09-05,,,,,",
        "subject_code",
        "XA",
        "Unknown person code XA",
    ),
    (
        "discipline",
        "K5,unit,P1,2018-08-01,canh_cao,2018-09-01,2018-09-05,,,,,",
        "subject_code",
        "P1",
        "Unknown unit code P1",
    ),
    ("ratings", "2018,unit,XZ,dang_bo_xa,tot,", "subject_code", "XZ", "Unknown unit code XZ"),
    ("ratings", "2018,unit,XA,xa,tot,", "group", "xa", "Unknown rating group “xa”"),
    ("ratings", "2018,person,P9,dang_bo_xa,tot,", "subject_code", "P9", "Unknown person code P9"),
    ("ratings", "2018,unit,XA,dang_bo_xa,gioi,", "level", "gioi", "Unknown value; use one of"),
    ("ratings", "2018,unit,XA,dang_bo_xa,tot,101", "score", "101", "between 0 and 100"),
    ("ratings", "2018,unit,XA,dang_bo_xa,tot,abc", "score", "abc", "A number is expected"),
    ("ratings", "2018,unit,XN,dang_bo_xa,tot,", "year", "2018", "only exists from"),
    ("assessments", "2016,XA,120,", "score", "120", "between 0 and 100"),
    ("assessments", "2016,XA,-1,", "score", "-1", "between 0 and 100"),
    ("assessments", "2016,XA,41,good", "level", "good", "does not agree with the score"),
    ("assessments", "2016,XA,41,kem", "level", "kem", "Unknown value; use one of"),
    ("assessments", "16,XA,41,", "year", "16", "four digits"),
    ("assistance", "XA,HU,chief,2017-01-05,,", "role", "chief", "Unknown value; use one of"),
    ("assistance", "XA,HU,lead,2017-01-05,2016-01-01,", "end_date", "2016-01-01", "is before"),
    ("assistance", "XA,XA,lead,2017-01-05,2018-01-01,", "helper_code", "XA", "cannot help"),
    ("assistance", "XN,TU,lead,2020-01-05,,", "unit_code", "2020-01-05", "only exists from"),
    ("assistance", "XA,TU,lead,2020-01-05,,", "unit_code", "", "this must end by then"),
    (
        "supervision_assignments",
        "P1,XA,2016-01-01,,2015-01-01",
        "end_date",
        "2015-01-01",
        "is before the start date",
    ),
    (
        "supervision_assignments",
        "P1,XN,2016-01-01,,",
        "unit_code",
        "2016-01-01",
        "only exists from",
    ),
    ("supervision_assignments", "P9,XA,2016-01-01,,2017-01-01", "person_code", "P9", "Unknown"),
    ("supervision_reports", "P1,2019Q5,2019-03-25", "period", "2019Q5", "YYYYQn"),
    ("supervision_reports", "P1,2019-1,2019-03-25", "period", "2019-1", "YYYYQn"),
    ("supervision_reports", "P1,2019Q1,31/02/2019", "submitted_date", "31/02/2019", "exist"),
    (
        "rotations",
        "R5,P1,XB,boss,2020-01-01,36,,,,,,",
        "to_role",
        "boss",
        "Unknown value; use one of",
    ),
    (
        "rotations",
        "R5,P1,XB,head,2020-01-01,36,,,,holiday,,",
        "reason",
        "holiday",
        "Unknown value; use one of",
    ),
    ("rotations", "R5,P1,XB,head,2020-01-01,0,,,,,,", "planned_months", "0", "between 1 and 600"),
    ("rotations", "R5,P1,XB,head,2020-01-01,x,,,,,,", "planned_months", "x", "whole number"),
    (
        "rotations",
        "R5,P1,XB,head,2020-01-01,36,,,,,,2019-01-01",
        "end_date",
        "2019-01-01",
        "is before",
    ),
    ("rotations", "R5,P1,XN,head,2020-01-01,36,,,,,,", "to_unit_code", "XN", "does not exist on"),
    ("rotations", "R5,P1,XB,head,2020-01-01,36,XZ,,,,,", "from_unit_code", "XZ", "Unknown unit"),
]


@pytest.mark.parametrize(
    ("name", "row_text", "column", "value", "message"),
    BAD,
    ids=[f"{b[0]}-{b[2]}-{b[4][:30]}" for b in BAD],
)
def test_bad_input_names_file_row_column_value(tmp_path, name, row_text, column, value, message):
    error = one_error(tmp_path, name, row_text)
    assert error["column"] == column, error
    if value:
        assert error["value"] == value, error
    assert message in error["message"], error


def test_probationary_from_the_people_file_of_the_same_dataset(tmp_path):
    # P3 becomes an official member in 2019: in 2018 they were probationary.
    people = PEOPLE + "P3,Lê Văn Ba,M,1985-01-01,,,2017-06-01,2019-06-01,XA\n"
    row = "K5,person,P3,2018-01-01,khai_tru,2018-03-01,2018-03-05,,,,,"
    error = one_error(tmp_path, "discipline", row, people=people)
    assert (error["column"], error["value"]) == ("form", "khai_tru")
    assert "probationary" in error["message"]


def test_a_post_from_the_positions_file_allows_cach_chuc(tmp_path):
    positions = POSITIONS + "P1,XN,member,2025-07-01,Ủy viên,\n"
    row = "K5,person,P1,2025-08-01,cach_chuc,2025-09-01,2025-09-05,,,,,"
    files = {**DATASET, "positions": positions, "discipline": header(DISCIPLINE) + "\n" + row}
    imported(tmp_path, files)
    assert DisciplineCase.objects.get().form == "cach_chuc"


def test_a_stored_post_allows_cach_chuc_and_stored_official_date_counts(tmp_path):
    imported(tmp_path / "a", DATASET)
    row = "K5,person,P1,2018-08-01,cach_chuc,2018-09-01,2018-09-05,,,,,"
    imported(tmp_path / "b", {"discipline": header(DISCIPLINE) + "\n" + row})
    row = "K6,person,P2,2025-08-01,khai_tru,2025-09-01,2025-09-05,,,,,"
    code, out, err = run_import(
        write_dataset(tmp_path / "c", {"discipline": header(DISCIPLINE) + "\n" + row})
    )
    assert code == 1
    assert "probationary member" in err


@pytest.mark.parametrize(
    ("name", "rows", "column"),
    [
        (
            "ratings",
            "2018,unit,XA,dang_bo_xa,tot,\n2018,unit,XA,dang_bo_xa,hoan_thanh,",
            "subject_code",
        ),
        ("assessments", "2016,XA,41,\n2016,XA,42,", "unit_code"),
        ("discipline", DISCIPLINE.splitlines()[1] + "\n" + DISCIPLINE.splitlines()[1], "code"),
        ("supervision_reports", "P1,2019Q1,2019-03-25\nP1,2019Q1,2019-03-26", "period"),
        (
            "assistance",
            "XA,HU,lead,2017-01-05,2018-01-01,\nXA,HU,support,2017-01-05,,",
            "start_date",
        ),
    ],
)
def test_twice_in_the_same_file(tmp_path, name, rows, column):
    base = BASES[name]
    errors = rejected(tmp_path, {**DATASET, name: header(base) + "\n" + rows + "\n"})
    assert len(errors) == 1, errors
    assert (errors[0]["row"], errors[0]["column"]) == (3, column)
    assert "was already on row 2" in errors[0]["message"]


def test_a_finding_is_not_bad_input(tmp_path):
    # R1 is planned for 12 months (too short): imported as it happened, flagged by the review.
    imported(tmp_path, FULL)
    from dangbo.rotation.services import findings_for

    assert "too_short" in findings_for(Rotation.objects.get())


def test_partial_rejects_rows_of_a_rejected_person(tmp_path):
    people = PEOPLE + "P4,Người lỗi,M,31/02/1980,,,,,XA\n"
    ratings = header(RATINGS) + "\n2018,person,P4,dang_bo_xa,tot,\n2018,unit,XA,dang_bo_xa,tot,\n"
    code, out, err = run_import(
        write_dataset(tmp_path, {**DATASET, "people": people, "ratings": ratings}), "--partial"
    )
    assert code == 2
    errors = [e for e in ImportRun.objects.get().errors if e["file"] == "ratings"]
    assert [(e["row"], e["value"]) for e in errors] == [(2, "P4")]
    assert "was rejected" in errors[0]["message"]
    assert Rating.objects.get().subject_kind == "unit"


# Scope ------------------------------------------------------------------------------------


def test_a_commune_user_cannot_import_records_of_another_commune(
    tmp_path, tree, office_a, person_a, person_b
):
    files = {
        "assessments": "year,unit_code,score\n2016,X-DV,41\n2016,X-TX,41\n",
        "ratings": "year,subject_kind,subject_code,group,level\n"
        "2018,person,P-A1,can_bo_xa,tot\n2018,person,P-B1,can_bo_xa,tot\n",
        "discipline": header(DISCIPLINE)
        + "\nK1,unit,X-TX,2018-01-01,canh_cao,2018-03-01,2018-03-05,,,,,\n",
    }
    code, out, err = run_import(write_dataset(tmp_path, files), "--user", "office_a")
    assert code == 1
    errors = ImportRun.objects.get().errors
    assert sorted((e["file"], e["row"], e["value"]) for e in errors) == [
        ("assessments", 3, "X-TX"),
        ("discipline", 0, ""),
        ("ratings", 3, "P-B1"),
    ]
    by_file = {e["file"]: e["message"] for e in errors}
    assert "outside your unit's subtree" in by_file["assessments"]
    assert "outside your unit's subtree" in by_file["ratings"]
    # Discipline cases are the inspection commission's: the office may not import them at all.
    assert "You may not import this file" in by_file["discipline"]
    assert "Inspection commission" in by_file["discipline"]
    assert not Assessment.objects.exists()


def test_a_commune_user_cannot_move_a_stored_record_into_their_subtree(
    tmp_path, tree, office_a, person_a
):
    rotation = header(ROTATIONS) + "\nR1,P-A1,{unit},head,2020-01-01,36,,,,,,\n"
    imported(tmp_path / "a", {"rotations": rotation.format(unit="X-TX")})
    code, out, err = run_import(
        write_dataset(tmp_path / "b", {"rotations": rotation.format(unit="X-DV")}),
        "--user",
        "office_a",
    )
    assert code == 1
    assert "outside your unit's subtree" in err
    assert Rotation.objects.get().to_unit.code == "X-TX"


def test_a_commune_user_imports_and_exports_within_their_subtree(
    tmp_path, tree, office_a, person_a, person_b
):
    files = {"assessments": "year,unit_code,score\n2016,X-DV,41\n2016,CB-DV-1,80\n"}
    imported(tmp_path / "a", files, "--user", "office_a")
    imported(tmp_path / "b", {"assessments": "year,unit_code,score\n2016,X-TX,41\n"})
    export_dataset(tmp_path / "out", user=office_a)
    text = (tmp_path / "out" / "assessments.csv").read_text()
    assert "X-DV" in text and "X-TX" not in text


def test_the_files_about_persons_and_units_share_the_persons_kind():
    """records.subject_people and RowChecks.subject read discipline and ratings alike."""
    from dangbo.discipline.models import SubjectKind as CaseSubject
    from dangbo.interchange.files import records
    from dangbo.ratings.models import SubjectKind as RatingSubject

    assert CaseSubject.PERSON == RatingSubject.PERSON == records.PERSON
