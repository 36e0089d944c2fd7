"""An office's template set wins over the shipped one, key by key, without touching code."""

import json
from datetime import date

from django.test import override_settings

from dangbo.reports.kinds import KINDS
from dangbo.reports.services import document_issue
from tests.reports.conftest import issue_data, open_docx, texts

OPTIONS = {"as_of": date(2019, 6, 30), "include_deputies": False}


def mm(*lengths) -> tuple:
    return tuple(round(length.mm) for length in lengths)


def test_the_offices_layout_json_overrides_the_keys_it_names(
    posts, tree, office_district, tmp_path
):
    (tmp_path / "layout.json").write_text(
        json.dumps(
            {
                "page": {"left_mm": 35, "top_mm": 25},
                "signature": {"archive_line": "Lưu Văn phòng Huyện uỷ."},
            }
        ),
        encoding="utf-8",
    )
    with override_settings(DANGBO_DOCUMENT_TEMPLATES=str(tmp_path)):
        issued = document_issue(
            actor=office_district,
            kind=KINDS["tenure"],
            unit=tree.district,
            options=OPTIONS,
            data=issue_data(),
        )
    document = open_docx(bytes(issued.docx))
    section = document.sections[0]
    assert mm(section.left_margin, section.top_margin) == (35, 25)
    assert mm(section.right_margin, section.bottom_margin) == (15, 20)  # shipped
    assert "- Lưu Văn phòng Huyện uỷ." in texts(document)
    assert "- Lưu VT." not in texts(document)


def test_the_shipped_layout_is_a4_times_new_roman_14(posts, tree, office_district):
    issued = document_issue(
        actor=office_district,
        kind=KINDS["tenure"],
        unit=tree.district,
        options=OPTIONS,
        data=issue_data(),
    )
    document = open_docx(bytes(issued.docx))
    section = document.sections[0]
    assert mm(section.page_width, section.page_height) == (210, 297)
    assert section.different_first_page_header_footer  # numbers from page 2
    assert "PAGE" in section.header._element.xml
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    fonts = normal.element.rPr.rFonts
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "Times New Roman"
    )
