"""The discipline-list notice from the demo's published list (HU-TK, first half of 2019)."""

from datetime import date

import pytest

from dangbo.accounts.models import User
from dangbo.core.dates import vn_date
from dangbo.core.errors import InputError
from dangbo.discipline.models import DisciplineCase, Form, PublishedList
from dangbo.org.models import Unit
from dangbo.reports.kinds import KINDS
from dangbo.reports.models import IssuedDocument, NumberCounter
from dangbo.reports.services import document_issue
from tests.reports.conftest import issue_data, open_docx, texts

OPTIONS = {"year": 2019, "list_period": "H1"}


def test_the_notice_lists_the_published_rows_and_never_the_summary(demo):
    actor = User.objects.get(username="ubkt.huyen")
    district = Unit.objects.get(code="HU-TK")
    published = PublishedList.objects.get(unit=district, year=2019, period="H1")
    issued = document_issue(
        actor=actor,
        kind=KINDS["discipline-list"],
        unit=district,
        options=OPTIONS,
        data=issue_data(),
    )
    assert issued.number_text == "01-TB/HU"
    document = open_docx(bytes(issued.docx))
    lines = texts(document)
    assert "THÔNG BÁO" in lines
    assert any(line.startswith("danh sách") and "6 tháng đầu năm 2019" in line for line in lines)
    assert "T/M BAN THƯỜNG VỤ" in lines and "PHÓ BÍ THƯ" in lines
    assert "Nơi nhận:" in lines and "- Lưu VT." in lines
    assert "- Các tổ chức cơ sở đảng," in lines
    assert "(kèm theo Thông báo số 01-TB/HU, ngày 05-7-2019 của Ban Thường vụ Huyện uỷ)" in lines
    annex = document.tables[-1]
    assert [c.text for c in annex.rows[0].cells] == [
        "TT",
        "Họ và tên",
        "Chi bộ, đảng bộ",
        "Hình thức kỷ luật",
        "Ngày quyết định",
        "Cấp quyết định",
    ]
    forms = dict(Form.choices)
    expected = [
        [
            str(i),
            row["name"],
            row["unit"] or "",
            str(forms[row["form"]]),
            vn_date(row["decided_date"]),
            row["decided_by"],
        ]
        for i, row in enumerate(published.rows, 1)
    ]
    assert [[c.text for c in row.cells] for row in annex.rows[1:]] == expected
    assert issued.figures["decisions"] == len(published.rows) > 0
    cases = DisciplineCase.objects.filter(pk__in=[r["case"] for r in published.rows])
    summaries = [s for s in cases.values_list("summary", flat=True) if s]
    assert summaries, "the demo's cases have summaries: the check below means something"
    body = "\n".join(lines)
    assert not [s for s in summaries if s in body]


def test_no_approved_list_for_the_period_is_refused_and_nothing_numbered(demo):
    actor = User.objects.get(username="ubkt.huyen")
    district = Unit.objects.get(code="HU-TK")
    with pytest.raises(InputError) as refused:
        document_issue(
            actor=actor,
            kind=KINDS["discipline-list"],
            unit=district,
            options={"year": 2018, "list_period": "H2"},
            data=issue_data(issued_on=date(2019, 1, 10)),
        )
    assert refused.value.problems[0].field == "list_period"
    assert not IssuedDocument.objects.exists()
    assert not NumberCounter.objects.exists()
