"""The Wagtail admin speaks Vietnamese: dangbo/locale_wagtail overrides Wagtail's catalogues."""

import json
import re
from pathlib import Path

from django.utils import translation

import dangbo

PO = Path(dangbo.__file__).parent / "locale_wagtail" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(text: str):
    for block in text.split("\n\n"):
        if "msgid" not in block or 'msgid ""\nmsgstr ""\n"' in block:
            continue
        yield block


def test_catalogue_is_complete_and_none_fuzzy():
    text = PO.read_text(encoding="utf-8")
    assert '"Language: vi\\n"' in text
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in text
    blocks = list(_entries(text))
    assert len(blocks) > 1500
    missing = []
    for block in blocks:
        if "#, fuzzy" in block or re.search(r'msgstr(\[0\])? ""\s*$', block.strip()):
            missing.append(block.splitlines()[-2] if len(block.splitlines()) > 1 else block)
    assert not missing, f"{len(missing)} untranslated or fuzzy entries, e.g. {missing[:3]}"


def test_catalogue_is_compiled():
    assert MO.exists()
    assert MO.stat().st_mtime >= PO.stat().st_mtime - 1


def test_wagtail_strings_come_out_vietnamese():
    with translation.override("vi"):
        g = translation.gettext
        assert g("Help") == "Trợ giúp"
        assert g("Edit") == "Sửa"
        assert g("History") == "Lịch sử"
        assert g("Dashboard") == "Bảng điều khiển"
        assert g("Sign in") == "Đăng nhập"
        assert g("Log out") == "Đăng xuất"
        assert g("Apply filters") == "Áp dụng bộ lọc"
        assert g("No %(model_name)s match your query.") % {"model_name": "đảng viên"} == (
            "Không có đảng viên nào phù hợp với truy vấn."
        )
        moved = translation.ngettext("Moved down 1 place.", "Moved down %(counter)s places.", 3)
        assert moved % {"counter": 3} == "Đã chuyển xuống 3 vị trí."


def test_time_spans_come_out_vietnamese():
    """Django's Vietnamese catalogue lacks them; history screens show "3 phút trước"."""
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

    with translation.override("vi"):
        assert (
            timesince_simple(timezone.now() - timedelta(minutes=3)) == "3\xa0phút trước"
        )  # a no-break space
        assert timesince_simple(timezone.now() - timedelta(days=2, hours=5)) == "2\xa0ngày trước"


def test_the_admin_javascript_strings_are_vietnamese(client, office_a):
    """The sidebar's and editors' strings come from Django's JavaScript catalogue."""
    client.force_login(office_a)
    catalogue = client.get("/admin/jsi18n/").content.decode()
    for vietnamese in ("Trình đơn chính", "Ẩn/hiện thanh bên", "Thao tác khác"):
        # The catalogue writes non-ASCII letters as JSON escapes.
        assert json.dumps(vietnamese)[1:-1] in catalogue or vietnamese in catalogue
