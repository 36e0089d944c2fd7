"""Charts (issue 10 item 3): series from the screens' rows, the SVG and its table, and each
screen showing its chart on the Tân Kỳ demo."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from dangbo.accounts.models import User
from dangbo.reports.charts import screens
from dangbo.reports.charts import series as S

SVG = "{http://www.w3.org/2000/svg}"

# --- series from rows ------------------------------------------------------------------------


def test_tenure_by_unit_counts_each_units_cadres_by_status():
    rows = [
        {"unit_code": "X1", "unit_name": "Xã Đồng Văn", "status": "over"},
        {"unit_code": "X1", "unit_name": "Xã Đồng Văn", "status": "approaching"},
        {"unit_code": "X1", "unit_name": "Xã Đồng Văn", "status": "over"},
        {"unit_code": "X2", "unit_name": "Xã An Bình", "status": "approaching"},
    ]
    counts = S.tenure_by_unit(rows)
    assert counts.categories == ("Xã An Bình", "Xã Đồng Văn")  # by name
    assert counts.series == ("over", "approaching")
    assert counts.value("Xã Đồng Văn", "over") == 2
    assert counts.total("Xã Đồng Văn") == 3
    assert counts.value("Xã An Bình", "over") == 0


def test_top_keeps_the_largest_units_and_sums_the_others():
    rows = [{"unit_name": f"U{i}", "status": "over"} for i in range(5) for _ in range(i + 1)]
    counts = S.top(S.tenure_by_unit(rows), 3)
    assert counts.categories == ("U3", "U4", S.OTHERS)
    assert counts.total(S.OTHERS) == 1 + 2 + 3
    assert counts.grand_total == len(rows)


def test_weak_units_later_counts_each_unit_once_a_year_and_the_unrated():
    later = [
        {"unit_code": "A", "year": 2021, "level": "tot"},
        {"unit_code": "B", "year": 2021, "level": "hoan_thanh"},
        {"unit_code": "A", "year": 2022, "level": "xuat_sac"},
        {"unit_code": "Z", "year": 2022, "level": "tot"},  # not a weak unit of the survey
    ]
    counts = S.weak_units_later(["A", "B"], later, level_order=["xuat_sac", "tot", "hoan_thanh"])
    assert counts.categories == ("2021", "2022")
    assert counts.series == ("xuat_sac", "tot", "hoan_thanh", S.NOT_RATED)
    assert counts.value("2022", S.NOT_RATED) == 1
    assert all(counts.total(year) == 2 for year in counts.categories)
    chart = screens.weak_units(["A", "B"], later)
    assert chart.footer == []  # no sum of the same units over the years


def test_report_tallies_and_the_on_time_rate_leave_out_what_is_not_due():
    counts = S.report_tallies(
        [{"label": "Q1", "on_time": 3, "late": 1, "missing": 0, "not_due": 4}]
    )
    assert counts.total("Q1") == 8
    assert S.on_time_rate(counts, "Q1") == 0.75
    assert S.on_time_rate(S.report_tallies([{"label": "Q2", "not_due": 2}]), "Q2") is None


def test_ratings_by_group_stacks_the_levels_and_marks_the_quota():
    lines = [{"label": "Đảng bộ xã", "counts": {"xuat_sac": 2, "tot": 10}, "allowed": 2}]
    counts = S.ratings_by_group(lines, ["xuat_sac", "tot", "hoan_thanh"])
    assert counts.series == ("xuat_sac", "tot")
    assert counts.marks == {"Đảng bộ xã": 2}
    assert counts.total("Đảng bộ xã") == 12


words = st.text(alphabet="abcĐđẽ ", min_size=1, max_size=6)


@given(
    st.lists(
        st.fixed_dictionaries(
            {"unit_name": words, "status": st.sampled_from(["over", "approaching"])}
        )
    ),
    st.integers(1, 6),
)
def test_the_series_total_is_the_number_of_rows(rows, most):
    counts = S.tenure_by_unit(rows)
    assert counts.grand_total == len(rows)
    assert sum(counts.total(c) for c in counts.categories) == len(rows)
    assert S.top(counts, most).grand_total == len(rows)
    years = [{"year": 2020 + len(r["unit_name"]), "form": r["status"]} for r in rows]
    assert S.discipline_by_year(years).grand_total == len(rows)
    posts = [{"year": y["year"], "to_post": y["form"]} for y in years]
    assert S.rotations_by_year(posts).grand_total == len(rows)
    # The table beside holds the same numbers: its total row is the rows' count.
    chart = screens.tenure(rows)
    assert (chart.footer[-1] if chart else "0") == screens.number(len(rows))


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "label": st.sampled_from(["Q1", "Q2", "Q3"]),
                "on_time": st.integers(0, 50),
                "late": st.integers(0, 5),
                "missing": st.integers(0, 5),
                "not_due": st.integers(0, 5),
            }
        ),
        unique_by=lambda r: r["label"],
    ),
    st.sets(st.sampled_from("ABCDE")),
    st.lists(
        st.fixed_dictionaries(
            {
                "unit_code": st.sampled_from("ABCDEF"),
                "year": st.integers(2017, 2020),
                "level": st.sampled_from(["tot", "hoan_thanh"]),
            }
        )
    ),
)
def test_tallies_and_later_ratings_keep_their_totals(tallies, weak, later):
    counts = S.report_tallies(tallies)
    assert counts.grand_total == sum(
        r["on_time"] + r["late"] + r["missing"] + r["not_due"] for r in tallies
    )
    later_counts = S.weak_units_later(sorted(weak), later)
    assert all(later_counts.total(year) == len(weak) for year in later_counts.categories)


# --- the SVG and its table -------------------------------------------------------------------


def rows_with_many(n=1234):
    return [{"unit_name": "Xã Đồng Văn & <Tân>", "status": "over"}] * n + [
        {"unit_name": "Xã An Bình", "status": "approaching"}
    ]


def test_the_svg_is_well_formed_with_a_title_and_the_tables_numbers():
    with translation.override("vi"):
        chart = screens.tenure(rows_with_many())
    root = ET.fromstring(str(chart.svg))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox").startswith("0 0 360 ")
    assert root.get("width") == "100%"
    assert (
        root.find(f"{SVG}title").text
        == "Cán bộ giữ chức quá hai nhiệm kỳ hoặc sắp đến, theo đơn vị"
    )
    drawn = [t.text for t in root.iter(f"{SVG}text")]
    assert "Xã Đồng Văn & <Tân>" in drawn  # escaped in the XML, read back as words
    assert "1.234" in drawn  # Vietnamese thousands separator, on the bar
    table = {row[0]: row[1:] for row in chart.rows}
    assert table["Xã Đồng Văn & <Tân>"] == ["1.234", "0", "1.234"]
    assert table["Xã An Bình"] == ["0", "1", "1"]
    assert chart.footer == ["Tổng số", "1.234", "1", "1.235"]
    assert chart.headings[1:3] == ["quá 2 nhiệm kỳ", "sắp đến hạn"]


def test_a_rate_reads_with_a_decimal_comma():
    with translation.override("vi"):
        chart = screens.supervision_periods(
            [{"label": "Quý 1/2025", "on_time": 7, "late": 1, "missing": 0, "not_due": 0}]
        )
    assert chart.rows[0][-1] == "87,5 %"
    assert "Quý 1/2025 — 87,5 % đúng hạn" in str(chart.svg)


def test_nothing_to_count_draws_no_chart():
    assert screens.tenure([]) is None


# --- each screen shows its chart (the Tân Kỳ demo) ------------------------------------------


def numbers_of(html: str, ident: str, skip: int = 0) -> tuple[str, list[str]]:
    """The figure's SVG and its table's body cells (but the last `skip` of each row)."""
    figure = re.search(rf'<figure class="dangbo-chart" id="{ident}".*?</figure>', html, re.S)
    assert figure, f"no chart {ident}"
    svg = re.search(r"<svg.*?</svg>", figure.group(0), re.S).group(0)
    ET.fromstring(svg)
    body = re.search(r"<tbody>(.*?)</tbody>", figure.group(0), re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    cells = [re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", row)[: -skip or None] for row in rows]
    return svg, [c for row in cells for c in row]


def page(client, login, url, params=None):
    client.force_login(User.objects.get(username=login))
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("login", "url", "params", "ident"),
    [
        ("btc.huyen", "reviews_tenure", {"as_of": "31/12/2020"}, "chart-tenure"),
        ("btc.huyen", "rotations", {}, "chart-rotations"),
        ("ubkt.huyen", "discipline", {"as_of": "30/06/2025"}, "chart-discipline"),
        ("btc.huyen", "ratings", {"year": "2018"}, "chart-ratings"),
        ("btv.huyen", "weak_units:index", {}, "chart-weak-units"),
        (
            "btv.huyen",
            "supervision_board:index",
            {"period": "2020Q4", "as_of": "31/12/2020"},
            "chart-supervision-quarters",
        ),
    ],
)
def test_each_screen_shows_its_chart_beside_its_table(demo, client, login, url, params, ident):
    target = (
        reverse("reviews_review", args=[url])
        if ":" not in url and url != "reviews_tenure"
        else reverse(url)
    )
    html = page(client, login, target, params)
    # The quota (ratings) and the on-time rate (supervision) are columns of their own.
    svg, cells = numbers_of(html, ident, skip=1 if ident in ("chart-ratings",) else 0)
    assert cells
    # Every count in the table is written in the drawing too (on its bar or as its total).
    drawn = set(re.findall(r">([\d.]+)</text>", svg))
    counts = {c for c in cells if re.fullmatch(r"[\d.]+", c) and c != "0"}
    assert counts <= drawn | {"—"}


def test_the_rotation_chart_counts_the_demos_six_rotations(demo, client):
    html = page(client, "btc.huyen", reverse("reviews_review", args=["rotations"]))
    _svg, _cells = numbers_of(html, "chart-rotations")
    footer = r'<tfoot><tr><th scope="row">Tổng số</th>.*?>6</td></tr></tfoot>'
    assert re.search(footer, html, re.S)


def test_the_home_keeps_the_tenure_chart_with_its_findings(demo):
    """The office's home on 31/12/2020: the tenure chart is drawn from the counts kept with
    the findings; the second time the review does not run again."""
    from dangbo.home.selectors import review_findings
    from dangbo.reviews.registry import REVIEWS

    cache.clear()
    user = User.objects.get(username="btc.huyen")
    day = date(2020, 12, 31)
    rows = REVIEWS["tenure"].run(user=user, options={"as_of": day, "include_deputies": True})
    with translation.override("vi"):
        first = review_findings(user, "tenure", day)
        assert first.chart is not None
        assert first.chart.footer[-1] == screens.number(len(rows))
        tenure = REVIEWS["tenure"]
        calls = []
        original = tenure.run
        object.__setattr__(tenure, "run", lambda **kw: calls.append(kw) or original(**kw))
        try:
            again = review_findings(user, "tenure", day)
        finally:
            object.__setattr__(tenure, "run", original)
    assert calls == []
    assert again.chart.rows == first.chart.rows


@pytest.mark.parametrize("login", ["ubkt.huyen", "btc.huyen"])
def test_the_home_shows_discipline_by_form_and_year(demo, client, login):
    cache.clear()
    html = page(client, login, "/admin/", {"reviews": "1"})
    _svg, cells = numbers_of(html, "chart-home-discipline")
    assert "2016" in cells and "2023" in cells


def test_the_rating_round_shows_the_quota_chart(demo, client):
    from dangbo.org.models import Unit
    from dangbo.ratings import services

    office = User.objects.get(username="btc.huyen")
    district = Unit.objects.get(code="HU-TK")
    round_ = services.round_open(actor=office, year=2018, unit=district)
    html = page(client, "btc.huyen", reverse("rating_round:inspect", args=[round_.pk]))
    svg, cells = numbers_of(html, "chart-ratings", skip=1)
    assert "stroke-dasharray" in svg  # the quota's mark
    assert cells


def test_the_supervision_review_and_the_boards_areas(demo, client):
    html = page(
        client,
        "btc.huyen",
        reverse("reviews_review", args=["supervision"]),
        {"period": "2020Q4", "as_of": "31/12/2020"},
    )
    _svg, cells = numbers_of(html, "chart-supervision-quarters")
    assert cells[0] == "Quý 4/2020"
    board = page(
        client,
        "btv.huyen",
        reverse("supervision_board:index"),
        {"period": "2020Q4", "as_of": "31/12/2020"},
    )
    _svg, areas = numbers_of(board, "chart-supervision-units")
    assert "Đảng bộ xã Đồng Văn" in areas


def test_wrap_and_percent():
    from dangbo.reports.charts.svg import wrap

    lines = wrap("Cán bộ diện Ban Thường vụ Huyện ủy quản lý — Đảng viên", 14, 344)
    assert len(lines) == 2 and " ".join(lines).startswith("Cán bộ diện")
    assert len(wrap("a " * 200, 14, 100)) == 2
    assert screens.percent(1) == "100 %"
    assert screens.percent(2 / 3) == "66,7 %"
    assert screens.percent(None) == "—"
    assert screens.number(1234567) == "1.234.567"


def test_the_rotation_plan_counts_its_rotations_by_year_and_key_post(demo, client):
    """Tân Kỳ's plan 2016–2020: 6 cadres, 3 to party secretary and 3 to People's Committee
    chair (the plan page's counts), by the year each started."""
    from dangbo.rotation.models import RotationPlan

    plan = RotationPlan.objects.get(code="KH-LC-2016-2020")
    html = page(client, "btc.huyen", reverse("rotation_plan:inspect", args=[plan.pk]))
    svg, _cells = numbers_of(html, "chart-rotations")
    assert "Bí thư đảng ủy" in svg and "Chủ tịch UBND" in svg
    footer = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S).group(1)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", footer) == ["3", "3", "6"]
