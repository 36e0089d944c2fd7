"""`tenure`: the report (BC) on the cadres holding a post over two terms (RULES §1).

Its rows are the tenure review's (`REVIEWS["tenure"]`, run as the user), kept to the issuing
unit's subtree, with the review's own columns: the annex is the screen's table. The body's
counts are computed from the same rows, and the posts reviewed from the same selector the
review reads (`position_list_visible_to`).

The words of the document are Vietnamese whatever the screen's language: a Party document
is written in Vietnamese (Hướng dẫn 36-HD/VPTW).
"""

from collections import Counter

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangbo.core.db import one_of
from dangbo.org.models import Unit, UnitKind
from dangbo.people.selectors import position_list_visible_to
from dangbo.reports.content import Content, DocumentKind, Section, Table
from dangbo.reports.kinds._common import area, area_paths, in_area
from dangbo.reports.rows import MappedRows
from dangbo.reports.words import cited_date
from dangbo.reviews.registry import REVIEWS
from dangbo.rules.tenure import DEPUTY, HEAD, RULE, STATUS_APPROACHING, STATUS_OVER, reviewed_roles


def rows_in_subtree(rows: list[dict], unit: Unit) -> tuple[list[dict], dict[str, str]]:
    """The rows whose unit lies in the area `unit` covers (its subtree and the units merged
    into it), and the kind of each of their units."""
    codes = {row["unit_code"] for row in rows}
    units = in_area(Unit.objects.filter(one_of("code", codes)), "", area_paths(unit))
    inside = dict(units.values_list("code", "kind"))
    return [row for row in rows if row["unit_code"] in inside], inside


def posts_reviewed(*, user, unit: Unit, options) -> int:
    """The posts the review looked at: held on the date, of the reviewed roles, in the
    subtree, as the user sees them."""
    as_of = options["as_of"]
    posts = position_list_visible_to(user=user).filter(
        role__in=reviewed_roles(options["include_deputies"]), start_date__lte=as_of
    )
    posts = posts.filter(Q(end_date__isnull=True) | Q(end_date__gte=as_of))
    return in_area(posts, "unit", area_paths(unit)).count()


def figures_of(rows: list[dict], unit_kinds: dict[str, str], reviewed: int) -> dict:
    over = [r for r in rows if r["status"] == STATUS_OVER]
    by_kind = Counter(unit_kinds[r["unit_code"]] for r in over)
    return {
        "reviewed": reviewed,
        "found": len(rows),
        "over": len(over),
        "approaching": sum(1 for r in rows if r["status"] == STATUS_APPROACHING),
        "over_heads": sum(1 for r in over if r["role"] == HEAD),
        "over_deputies": sum(1 for r in over if r["role"] == DEPUTY),
        "over_by_unit_kind": dict(sorted(by_kind.items())),
    }


def _body(unit: Unit, options, figures: dict) -> tuple[Section, ...]:
    whom = "cấp trưởng và cấp phó" if options["include_deputies"] else "cấp trưởng"
    day = cited_date(options["as_of"])
    kinds = dict(UnitKind.choices)
    by_kind = [
        f"{str(kinds.get(kind, kind))}: {count} cán bộ;"
        for kind, count in figures["over_by_unit_kind"].items()
    ]
    if by_kind:
        by_kind[-1] = by_kind[-1].removesuffix(";") + "."
    result = Section(
        "I- KẾT QUẢ RÀ SOÁT",
        paragraphs=(
            f"Thực hiện Quy định số 65-QĐ/TW, ngày 28-4-2022 của Bộ Chính trị, {{issuer}} đã rà "
            f"soát {figures['reviewed']} cán bộ giữ chức vụ {whom} trong {unit.name} tính đến "
            f"ngày {day}.",
            f"Kết quả: {figures['over']} cán bộ giữ một chức vụ quá hai nhiệm kỳ (liên tục từ "
            f"đủ 8 năm trở lên), trong đó {figures['over_heads']} cấp trưởng và "
            f"{figures['over_deputies']} cấp phó; {figures['approaching']} cán bộ sắp đủ hai "
            f"nhiệm kỳ (từ 7 năm đến dưới 8 năm).",
            *(("Cán bộ giữ chức vụ quá hai nhiệm kỳ chia theo loại đơn vị:",) if by_kind else ()),
        ),
        items=tuple(by_kind),
    )
    proposal = Section(
        "II- ĐỀ XUẤT",
        paragraphs=(
            "Đề nghị xem xét bố trí, luân chuyển các cán bộ giữ chức vụ quá hai nhiệm kỳ và "
            "chuẩn bị nhân sự thay thế các cán bộ sắp đủ hai nhiệm kỳ (có danh sách kèm theo).",
            f"Căn cứ rà soát: {RULE}.",
        ),
    )
    return (result, proposal)


def build(*, user, unit: Unit, options) -> Content:
    review = REVIEWS["tenure"]
    covered = area(unit)  # a board (Ban Tổ chức) reports on the committee it serves
    rows, unit_kinds = rows_in_subtree(review.run(user=user, options=options), covered)
    reviewed = posts_reviewed(user=user, unit=covered, options=options)
    figures = figures_of(rows, unit_kinds, reviewed)
    columns = review.columns(rows)
    keys = tuple((f"c{i}", str(c.heading)) for i, c in enumerate(columns))
    annex = Table(
        title="DANH SÁCH",
        subtitle="cán bộ giữ một chức vụ quá hai nhiệm kỳ hoặc sắp đủ hai nhiệm kỳ",
        columns=keys,
        rows=MappedRows(rows, lambda row: {f"c{i}": c.value(row) for i, c in enumerate(columns)}),
    )
    return Content(
        kind="tenure",
        doc_type="BC",
        type_title="BÁO CÁO",
        subject=f"kết quả rà soát cán bộ giữ chức vụ quá hai nhiệm kỳ đến ngày "
        f"{cited_date(options['as_of'])}",
        sections=_body(covered, options, figures),
        tables=(annex,),
        figures=figures,
    )


KIND = DocumentKind(
    name="tenure",
    title=_("Report on tenures over two terms"),
    doc_type="BC",
    options=("as_of", "include_deputies"),
    reads=("people.Position",),
    build=build,
)
