"""A unit's header lines before its first document (DOCUMENTS.md): a board's superior is its
committee (`HUYỆN ỦY TÂN KỲ` / `BAN TỔ CHỨC`); a committee's superior is the party
organization above it (`ĐẢNG BỘ TỈNH NGHỆ AN` / `HUYỆN ỦY TÂN KỲ`). The office corrects them
on the form; what it writes is remembered."""

import re

from dangbo.org.models import UnitKind

COMMITTEES = {
    UnitKind.PROVINCE_COMMITTEE,
    UnitKind.DISTRICT_COMMITTEE,
    UnitKind.GRASSROOTS_COMMITTEE,
}


def _organization_of(committee_name: str) -> str:
    """'Tỉnh ủy Nghệ An' -> 'Đảng bộ tỉnh Nghệ An' (tỉnh, huyện, thành, quận, thị ủy)."""
    match = re.match(r"^(Tỉnh|Huyện|Thành|Quận|Thị)\s+(ủy|uỷ)\s+(.*)$", committee_name, re.I)
    if not match:
        return committee_name
    return f"Đảng bộ {match.group(1).lower()} {match.group(3)}"


def header_defaults(unit) -> dict:
    parent = unit.parent if unit.parent_id else None
    superior = ""
    if parent is not None:
        superior = _organization_of(parent.name) if unit.kind in COMMITTEES else parent.name
    # The issuer in a sentence ("{issuer} đã rà soát", "(kèm theo … của …)"): the unit's name
    # until the office writes how it names itself ("Ban Thường vụ Huyện uỷ").
    return {
        "superior_body": superior.upper(),
        "issuing_body": unit.name.upper(),
        "author": unit.name,
    }
