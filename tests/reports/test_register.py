"""The register: numbers per issuing unit, type and term; never two alike; never edited."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from dangbo.accounts.models import UserRole
from dangbo.core.errors import InputError
from dangbo.reports.kinds import KINDS
from dangbo.reports.models import IssuedDocument, IssuerProfile
from dangbo.reports.services import document_issue
from tests.factories import UserFactory
from tests.reports.conftest import issue_data, open_docx

OPTIONS = {"as_of": date(2019, 6, 30), "include_deputies": False}


def issue(actor, unit, **changes):
    return document_issue(
        actor=actor, kind=KINDS["tenure"], unit=unit, options=OPTIONS, data=issue_data(**changes)
    )


def test_numbers_follow_each_other_and_restart_with_the_term(posts, tree, office_district):
    first = issue(office_district, tree.district)
    second = issue(office_district, tree.district)
    assert (first.number_text, second.number_text) == ("01-BC/HU", "02-BC/HU")
    assert first.term == second.term == "2015-2020"
    # 1 July 2020 opens the 2020-2025 term (the profile's default start): numbers from 01.
    next_term = issue(office_district, tree.district, issued_on=date(2020, 7, 1))
    assert (next_term.term, next_term.number_text) == ("2020-2025", "01-BC/HU")
    # Another issuing unit counts on its own.
    office_a = UserFactory(unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    other = issue(office_a, tree.commune_a, abbreviation="ĐU")
    assert other.number_text == "01-BC/ĐU"


def test_a_crafted_duplicate_number_is_refused(posts, tree, office_district):
    first = issue(office_district, tree.district)
    copy = IssuedDocument(
        **{
            f.attname: getattr(first, f.attname)
            for f in IssuedDocument._meta.concrete_fields
            if not f.primary_key
        }
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_an_issued_document_is_never_changed_nor_deleted(posts, tree, office_district):
    issued = issue(office_district, tree.district)
    issued.signer_name = "Người khác"
    with pytest.raises(ValueError):
        issued.save()
    with pytest.raises(ValueError):
        issued.delete()
    kept = IssuedDocument.objects.get(pk=issued.pk)
    assert kept.signer_name == "Nguyễn Văn Bình"
    assert bytes(kept.docx) == bytes(issued.docx)  # downloaded again exactly as issued


def test_the_profile_remembers_the_last_issue(posts, tree, office_district):
    issue(office_district, tree.district, signer_name="Trần Văn Ký", place="Lạt")
    profile = IssuerProfile.objects.get(unit=tree.district)
    assert (profile.signer_name, profile.place, profile.abbreviation) == (
        "Trần Văn Ký",
        "Lạt",
        "HU",
    )
    assert profile.recipients.splitlines() == ["Ban Tổ chức Tỉnh uỷ", "Các tổ chức cơ sở đảng"]


def test_bad_input_writes_nothing(posts, tree, office_district):
    with pytest.raises(InputError) as refused:
        issue(office_district, tree.district, signer_name="", abbreviation="B/C")
    assert {p.field for p in refused.value.problems} == {"signer_name", "abbreviation"}
    assert not IssuedDocument.objects.exists()
    assert not IssuerProfile.objects.exists()


def test_a_helper_body_cannot_issue_and_no_one_issues_above_their_unit(posts, tree):
    helper = UserFactory(unit=tree.district, role=UserRole.HELPER_BODY)
    with pytest.raises(PermissionError):
        issue(helper, tree.district)
    office_a = UserFactory(unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    with pytest.raises(PermissionError):
        issue(office_a, tree.district)
    assert not IssuedDocument.objects.exists()


def test_the_term_start_set_on_the_profile_moves_the_restart(posts, tree, office_district):
    # A congress on 15 October 2020: July to October 2020 still counts in 2015-2020.
    first = issue(
        office_district,
        tree.district,
        issued_on=date(2020, 8, 1),
        term_started_on=date(2020, 10, 15),
    )
    after = issue(office_district, tree.district, issued_on=date(2020, 10, 15))
    assert (first.term, first.number_text) == ("2015-2020", "01-BC/HU")
    assert (after.term, after.number_text) == ("2020-2025", "01-BC/HU")


def test_a_kind_whose_rows_are_a_generator_gets_them_in_both_files(tree, office_district):
    """The contract lets a kind stream its rows as a generator: the .docx and the .xlsx
    both hold every row."""
    import io

    from openpyxl import load_workbook

    from dangbo.reports.content import Content, DocumentKind, Section, Table

    def build(*, user, unit, options):
        rows = ({"name": f"Người {i}"} for i in range(1, 4))
        table = Table("DANH SÁCH", "thử", (("name", "Họ và tên"),), rows)
        return Content("probe", "BC", "BÁO CÁO", "thử", (Section("", ("x",)),), (table,))

    kind = DocumentKind("probe", "probe", "BC", (), (), build)
    issued = document_issue(
        actor=office_district, kind=kind, unit=tree.district, options={}, data=issue_data()
    )
    annex = open_docx(bytes(issued.docx)).tables[-1]
    assert [row.cells[1].text for row in annex.rows[1:]] == ["Người 1", "Người 2", "Người 3"]
    sheet = load_workbook(io.BytesIO(bytes(issued.xlsx))).worksheets[0]
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Người 1",
        "Người 2",
        "Người 3",
    ]


def test_a_units_first_header_follows_documents_md(tree):
    from dangbo.org.models import UnitKind
    from dangbo.reports.profiles import header_defaults
    from tests.factories import UnitFactory

    board = UnitFactory(
        code="BTC-HU", name="Ban Tổ chức", kind=UnitKind.BOARD, parent=tree.district
    )
    assert header_defaults(tree.district) == {
        "superior_body": "ĐẢNG BỘ TỈNH NGHỆ AN",
        "issuing_body": "HUYỆN ỦY TÂN KỲ",
        "author": "Huyện ủy Tân Kỳ",
    }
    assert header_defaults(board) == {
        "superior_body": "HUYỆN ỦY TÂN KỲ",
        "issuing_body": "BAN TỔ CHỨC",
        "author": "Ban Tổ chức",
    }
