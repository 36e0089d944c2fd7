"""The importer asks each file's permission policy, per file and per row (docs/roles.md)."""

from dangbo.accounts.models import UserRole
from dangbo.discipline.models import DisciplineCase
from dangbo.interchange.models import ImportRun
from dangbo.ratings.models import Rating, RatingRound, RoundStatus
from tests.factories import UserFactory
from tests.interchange.helpers import run_import, write_dataset

CASE = (
    "code,subject_kind,subject_code,violation_date,form,decided_date,announced_date\n"
    "K1,unit,X-DV,2018-01-01,canh_cao,2018-03-01,2018-03-05\n"
)
RATING = "year,subject_kind,subject_code,group,level\n2018,person,P-A1,can_bo_xa,{level}\n"


def test_the_inspection_commission_imports_its_own_cases(tmp_path, tree):
    UserFactory(username="ubkt", unit=tree.district, role=UserRole.INSPECTION)
    code, out, err = run_import(write_dataset(tmp_path, {"discipline": CASE}), "--user", "ubkt")
    assert code == 0, err
    assert DisciplineCase.objects.get().code == "K1"


def test_the_office_may_not_import_cases_and_nothing_is_written(tmp_path, tree, office_district):
    files = {"discipline": CASE, "units": "code,name,kind,parent_code\nX-NEW,Mới,branch,X-DV\n"}
    code, out, err = run_import(write_dataset(tmp_path, files), "--user", office_district.username)
    assert code == 1
    [error] = ImportRun.objects.get().errors
    assert (error["file"], error["row"]) == ("discipline", 0)
    assert not DisciplineCase.objects.exists()
    assert not tree.district.children.filter(code="X-NEW").exists()


def test_the_inspection_commission_may_not_import_units(tmp_path, tree):
    UserFactory(username="ubkt", unit=tree.district, role=UserRole.INSPECTION)
    files = {"units": "code,name,kind,parent_code\nX-NEW,Mới,branch,X-DV\n"}
    code, out, err = run_import(write_dataset(tmp_path, files), "--user", "ubkt")
    assert code == 1
    # One message, on the file refused; not a second one saying no file was found.
    [error] = ImportRun.objects.get().errors
    assert "You may not import" in error["message"]


def test_an_approved_round_closes_its_ratings_to_imports(tmp_path, tree, office_a, person_a):
    assert (
        run_import(write_dataset(tmp_path / "a", {"ratings": RATING.format(level="tot")}))[0] == 0
    )
    RatingRound.objects.create(year=2018, unit=tree.district, status=RoundStatus.APPROVED)
    # The same rows again change nothing and pass...
    same = write_dataset(tmp_path / "b", {"ratings": RATING.format(level="tot")})
    assert run_import(same, "--user", "office_a")[0] == 0
    # ...a change is refused, as the rating screen refuses it, even for the operator.
    changed = write_dataset(tmp_path / "c", {"ratings": RATING.format(level="xuat_sac")})
    for args in (("--user", "office_a"), ()):
        code, out, err = run_import(changed, *args)
        assert code == 1
        assert (
            "approved by the standing committee"
            in ImportRun.objects.latest("pk").errors[0]["message"]
        )
    assert Rating.objects.get().level == "tot"
