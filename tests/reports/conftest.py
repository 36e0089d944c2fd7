"""Posts over two terms in the small tree, and the issue form's answers."""

import io
from datetime import date

import pytest
from docx import Document

from dangbo.people.models import Role
from tests.factories import PersonFactory, PositionFactory


@pytest.fixture
def posts(tree):
    """A head over two terms (commune A), a deputy over two terms (commune B), a head
    approaching (branch of A), and a head elsewhere (the province: outside the district)."""
    head = PersonFactory(code="P-HEAD", full_name="Lê Văn Hùng", unit=tree.commune_a)
    PositionFactory(person=head, unit=tree.commune_a, start_date=date(2010, 3, 1))
    deputy = PersonFactory(code="P-DEP", full_name="Trần Thị Mai", unit=tree.commune_b)
    PositionFactory(
        person=deputy, unit=tree.commune_b, role=Role.DEPUTY, start_date=date(2009, 6, 1)
    )
    near = PersonFactory(code="P-NEAR", full_name="Nguyễn Văn An", unit=tree.branch_a)
    PositionFactory(person=near, unit=tree.branch_a, start_date=date(2011, 9, 1))
    far = PersonFactory(code="P-FAR", full_name="Hồ Văn Xa", unit=tree.province)
    PositionFactory(person=far, unit=tree.province, start_date=date(2001, 1, 1))
    return head, deputy, near, far


def issue_data(**changes) -> dict:
    data = {
        "superior_body": "ĐẢNG BỘ TỈNH NGHỆ AN",
        "issuing_body": "HUYỆN UỶ TÂN KỲ",
        "abbreviation": "HU",
        "author": "Ban Thường vụ Huyện uỷ",
        "place": "Tân Kỳ",
        "on_behalf": "T/M BAN THƯỜNG VỤ",
        "signer_title": "PHÓ BÍ THƯ",
        "signer_name": "Nguyễn Văn Bình",
        "recipients": ["Ban Tổ chức Tỉnh uỷ", "Các tổ chức cơ sở đảng"],
        "issued_on": date(2019, 7, 5),
    }
    data.update(changes)
    return data


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def texts(document) -> list[str]:
    """Every paragraph's text, body and tables, in order."""
    out = []
    for block in document.element.body.iter():
        if block.tag.endswith("}p"):
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            out.append(text)
    return out
