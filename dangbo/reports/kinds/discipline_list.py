"""`discipline-list`: the notice (TB) with the six-monthly or yearly list of discipline
decisions, as DOCUMENTS.md's example.

Its rows are the committee's published list (RULES §4) for the period, approved or
published, read through `published_list_visible_to`; only the public fields
(`PUBLIC_FIELDS`: name, unit, form, decision date, deciding body), never the summary.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dangbo.core.dates import vn_date
from dangbo.core.errors import InputError, Problem
from dangbo.discipline.models import DisciplineCase, Form, ListPeriod, ListStatus
from dangbo.discipline.selectors import public_rows, published_list_visible_to
from dangbo.reports.content import Content, DocumentKind, Section, Table
from dangbo.reports.rows import MappedRows
from dangbo.reviews.options import Option

PERIOD_WORDS = {
    ListPeriod.FIRST_HALF: "6 tháng đầu năm {year}",
    ListPeriod.SECOND_HALF: "6 tháng cuối năm {year}",
    ListPeriod.YEAR: "năm {year}",
}

# The public fields (selectors.PUBLIC_FIELDS), in the order of DOCUMENTS.md's example.
COLUMNS = (
    ("name", "Họ và tên"),
    ("unit", "Chi bộ, đảng bộ"),
    ("form", "Hình thức kỷ luật"),
    ("decided_date", "Ngày quyết định"),
    ("decided_by", "Cấp quyết định"),
)


def _period_argument(parser, flag):
    parser.add_argument(
        flag,
        dest="list_period",
        required=True,
        choices=ListPeriod.values,
        help=_("the list's period: H1, H2 or Y (the whole year)"),
    )


PERIOD_OPTION = Option(
    "--list-period",
    _period_argument,
    lambda: forms.ChoiceField(label=_("Period"), choices=ListPeriod.choices),
    lambda: ListPeriod.FIRST_HALF,
)


def the_list(*, user, unit, year: int, period: str):
    """The committee's approved or published list of the period, as the user sees it."""
    found = (
        published_list_visible_to(user=user)
        .filter(
            unit=unit,
            year=year,
            period=period,
            status__in=(ListStatus.APPROVED, ListStatus.PUBLISHED),
        )
        .first()
    )
    if found is None:
        raise InputError(
            [
                Problem(
                    "list_period",
                    gettext(
                        "This committee has no approved or published discipline list for "
                        "this period: generate and approve it first."
                    ),
                )
            ]
        )
    return found


def _words(row: dict, forms_: dict) -> dict:
    return {
        "name": row.get("name") or "",
        "unit": row.get("unit") or "",
        "form": str(forms_.get(row.get("form"), row.get("form") or "")),
        "decided_date": vn_date(row.get("decided_date")) if row.get("decided_date") else "",
        "decided_by": row.get("decided_by") or "",
    }


def build(*, user, unit, options) -> Content:
    year, period = options["year"], options["list_period"]
    published = the_list(user=user, unit=unit, year=year, period=period)
    rows = public_rows(published.rows)
    case_ids = [row["case"] for row in published.rows if row.get("case")]
    organizations = DisciplineCase.objects.filter(pk__in=case_ids, person__isnull=True).count()
    whom = "tổ chức đảng, đảng viên" if organizations else "đảng viên"
    when = PERIOD_WORDS[period].format(year=year)
    forms_ = dict(Form.choices)
    figures = {
        "decisions": len(rows),
        "organizations": organizations,
        "members": len(rows) - organizations,
        "by_form": {
            str(forms_.get(f, f)): sum(1 for r in rows if r.get("form") == f)
            for f in dict.fromkeys(r.get("form") for r in rows)
        },
    }
    if rows:
        said = (
            f"Căn cứ quyết định thi hành kỷ luật của các cấp có thẩm quyền, {{issuer}} thông báo "
            f"danh sách {len(rows)} {whom} bị thi hành kỷ luật {when} (có danh sách kèm theo)."
        )
    else:
        said = f"{{issuer}} thông báo: {when} không có {whom} bị thi hành kỷ luật."
    body = (
        Section(
            "",
            paragraphs=(
                said,
                "Đề nghị các tổ chức cơ sở đảng thông báo đến cán bộ, đảng viên theo quy định.",
            ),
        ),
    )
    tables = ()
    if rows:
        tables = (
            Table(
                title="DANH SÁCH",
                subtitle=f"{whom} bị thi hành kỷ luật {when}",
                columns=COLUMNS,
                rows=MappedRows(rows, lambda row: _words(row, forms_)),
            ),
        )
    return Content(
        kind="discipline-list",
        doc_type="TB",
        type_title="THÔNG BÁO",
        subject=f"danh sách {whom} bị thi hành kỷ luật {when}",
        sections=body,
        tables=tables,
        figures=figures,
    )


KIND = DocumentKind(
    name="discipline-list",
    title=_("Notice of the discipline list"),
    doc_type="TB",
    options=("year",),
    reads=("discipline.PublishedList",),
    build=build,
    extra_options={"list_period": PERIOD_OPTION},
)
