"""The sub-sites' search (/tim-kiem/): Vietnamese and accent-insensitive, the same answers on
SQLite and PostgreSQL — every folded letter, exact accents ranked first then newest,
highlighting escaped, pagination, one site's pages only, no drafts or private pages."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from dangbo.portal.search import RESULTS_PER_PAGE, Query, exact_token, highlight
from tests.portal.sites import BOARD_HOST, COMMUNE_HOST, article, portal_sites

pytestmark = pytest.mark.django_db

D = datetime.date

# (title, lead, body, date) on the Board's site: each folded letter appears in a title, a
# lead or a body, and "dang" is spelled four ways (Đảng, Đăng, đang, Dang).
BOARD_ARTICLES = [
    (
        "Đại hội Đảng bộ xã Tân Kỳ",
        "Nhiệm kỳ 2025–2030 của Đảng bộ xã ở Nghệ An.",
        "<p>Các đồng chí thảo luận văn kiện.</p>",
        D(2025, 8, 1),
    ),
    (
        "Đăng ký dự thi tìm hiểu lịch sử",
        "Thể lệ cuộc thi.",
        "<p>Hạn chót ngày 30.</p>",
        D(2025, 9, 1),
    ),
    ("Công trình dang dở", "Chưa xong.", "<p>Vẫn đang thi công.</p>", D(2025, 7, 1)),
    (
        "Tin vắn",
        "Tóm tắt trong tuần.",
        "<p>Phường Hưng Dũng, thành phố Vinh: lễ kỷ niệm ngày Thương binh Liệt sĩ; "
        "củng cố tổ chức cơ sở; tăng cường kết nạp; đoàn Mỹ Sơn ghé thăm; "
        "<b>ơn</b> nghĩa.</p>",
        D(2025, 6, 1),
    ),
    ("Hội nghị sơ kết", 'Bàn về công tác <cán bộ> & "đảng viên".', "", D(2025, 5, 1)),
]

CONGRESS, CONTEST, WORKS, _, MEETING = (a[0] for a in BOARD_ARTICLES)
# (query, the titles found, in order, on the Board's site).
CASES = [
    ("tan ky", ["Đại hội Đảng bộ xã Tân Kỳ"]),
    ("Tân Kỳ", ["Đại hội Đảng bộ xã Tân Kỳ"]),
    ("TÂN KỲ", ["Đại hội Đảng bộ xã Tân Kỳ"]),
    ("nghe an", ["Đại hội Đảng bộ xã Tân Kỳ"]),  # ệ: two marks, in the lead
    ("dai hoi", ["Đại hội Đảng bộ xã Tân Kỳ"]),  # đ, ạ, ộ in the title
    ("thao luan van kien", ["Đại hội Đảng bộ xã Tân Kỳ"]),  # in the body
    ("dong chi", ["Đại hội Đảng bộ xã Tân Kỳ"]),  # ồ
    ("hung dung", ["Tin vắn"]),  # ư, ũ
    ("ky niem", ["Tin vắn"]),  # ỷ
    ("liet si", ["Tin vắn"]),  # ệ, ĩ
    ("thuong binh", ["Tin vắn"]),  # ươ
    ("cung co", ["Tin vắn"]),  # ủ, ố
    ("tang cuong", ["Tin vắn"]),  # ă, ườ
    ("my son", ["Tin vắn"]),  # ỹ, ơ
    ("on nghia", ["Tin vắn"]),  # ơ in bold text
    ("ket nap", ["Tin vắn"]),  # ế, ạ
    ("vinh", ["Tin vắn"]),
    ("tom tat", ["Tin vắn"]),  # ó, ắ in the lead
    ("dang vien", ["Hội nghị sơ kết"]),
    ("can bo", ["Hội nghị sơ kết"]),
    ("nhiem ky 2025", ["Đại hội Đảng bộ xã Tân Kỳ"]),
    # Every spelling of "dang": the exact one first, then newest first.
    ("dang", [WORKS, CONTEST, CONGRESS, MEETING]),
    ("Đảng", [CONGRESS, MEETING, CONTEST, WORKS]),
    ("đăng", [CONTEST, CONGRESS, WORKS, MEETING]),
    ("đang", [WORKS, CONTEST, CONGRESS, MEETING]),
    # Whole words only, every word needed.
    ("tan", ["Đại hội Đảng bộ xã Tân Kỳ"]),
    ("ta", []),
    ("tan vinh", []),
    ("hà nội", []),
]


@pytest.fixture
def sites(db):
    sites = portal_sites()
    for title, lead, body, date in BOARD_ARTICLES:
        article(sites.board_category, title, lead=lead, body=body, date=date)
    return sites


def titles(response):
    results = response.context["results"]
    return [a.title for a in results] if results is not None else None


def search(client, q, host=BOARD_HOST, **params):
    response = client.get("/tim-kiem/", {"q": q, **params}, HTTP_HOST=host)
    assert response.status_code == 200
    return response


def test_vietnamese_queries(client, sites):
    # One site for the whole table (building it is the slow part); every miss reported.
    found = {q: titles(search(client, q)) for q, _ in CASES}
    assert found == dict(CASES)


def test_exact_token_keeps_every_mark():
    spellings = ["dang", "đang", "Đảng", "đăng", "đắng", "dâng", "dạng", "đáng", "đằng"]
    tokens = {exact_token(w) for w in spellings}
    assert len(tokens) == len(spellings)
    assert all(t.isascii() and t.isalnum() for t in tokens)
    # The same word typed with combining marks (NFD) gives the same token.
    import unicodedata

    assert exact_token(unicodedata.normalize("NFD", "Nghệ")) == exact_token("nghệ")


def test_commune_site_searches_its_own_pages_only(client, sites):
    article(sites.commune_category, "Đại hội Đảng bộ xã nhiệm kỳ mới", lead="Xã Tân Kỳ.")
    assert titles(search(client, "dai hoi", host=COMMUNE_HOST)) == [
        "Đại hội Đảng bộ xã nhiệm kỳ mới"
    ]
    assert titles(search(client, "dai hoi")) == ["Đại hội Đảng bộ xã Tân Kỳ"]
    assert titles(search(client, "thuong binh", host=COMMUNE_HOST)) == []


def test_drafts_unpublished_and_private_pages_are_not_found(client, sites):
    article(sites.board_category, "Đại hội bản nháp", lead="Chưa đăng.", publish=False)
    gone = article(sites.board_category, "Đại hội đã gỡ", lead="Đã gỡ xuống.")
    gone.unpublish()
    private = article(sites.board_category, "Đại hội nội bộ", lead="Chỉ cán bộ xem.")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert titles(search(client, "dai hoi")) == ["Đại hội Đảng bộ xã Tân Kỳ"]


def test_matched_words_are_highlighted_and_escaped(client, sites):
    html = search(client, "dang vien").content.decode()
    assert "<mark>đảng</mark> <mark>viên</mark>" in html
    assert "&lt;cán bộ&gt; &amp; &quot;<mark>đảng</mark>" in html
    html = search(client, "dai hoi").content.decode()
    assert "<mark>Đại</mark> <mark>hội</mark> Đảng bộ xã Tân Kỳ" in html
    # The snippet comes from the body when the lead does not hold the words.
    html = search(client, "thuong binh").content.decode()
    assert "<mark>Thương</mark> <mark>binh</mark> Liệt sĩ" in html


def test_hostile_queries_show_as_text(client, sites):
    for q, shown, has_words in [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", True),
        ('"', "&quot;", False),
        ("'; DROP TABLE x; --", "&#x27;; DROP TABLE x; --", True),
        ("&amp;", "&amp;amp;", True),
    ]:
        html = search(client, q).content.decode()
        assert "<script>alert" not in html
        assert f'value="{shown}"' in html
        if has_words:
            assert f"0 kết quả cho “{shown}”" in html


def test_highlight_escapes():
    query = Query.parse("script")
    assert str(highlight("<script>x</script>", query)) == (
        "&lt;<mark>script</mark>&gt;x&lt;/<mark>script</mark>&gt;"
    )


def test_empty_or_too_long_query_gets_a_vietnamese_message(client, sites):
    too_long = "Từ khóa tìm quá dài: tối đa 200 ký tự và 12 từ."
    for q, message in [
        ("", "Gõ một hoặc vài từ để tìm."),
        ("   ", "Gõ một hoặc vài từ để tìm."),
        ("x" * 201, too_long),
        (" ".join(["tân"] * 13), too_long),
        ("!!! ???", "Hãy gõ chữ hoặc số để tìm."),
    ]:
        response = search(client, q)
        assert response.context["results"] is None
        assert message in response.content.decode()
    assert "Không có bài viết nào phù hợp" in search(client, "ha noi").content.decode()


def test_results_are_paginated_with_a_vietnamese_pager(client, sites):
    for n in range(RESULTS_PER_PAGE * 2 + 3):
        article(sites.board_category, f"Giải chạy số {n}", lead="Thể thao.", date=D(2024, 1, 1 + n))
    first = search(client, "giai chay")
    assert first.context["results"].paginator.count == 23
    assert titles(first)[0] == "Giải chạy số 22"
    html = first.content.decode()
    assert "Trang 1 / 3" in html
    assert 'href="?q=giai+chay&amp;trang=2"' in html
    assert "Sau ›" in html
    third = search(client, "giai chay", trang=3)
    assert titles(third) == ["Giải chạy số 2", "Giải chạy số 1", "Giải chạy số 0"]
    assert "‹ Trước" in third.content.decode()
    # Out of range: the last page, as the category lists do.
    assert titles(search(client, "giai chay", trang=99)) == titles(third)


def test_search_box_keeps_the_query(client, sites):
    html = search(client, "Tân Kỳ").content.decode()
    assert 'value="Tân Kỳ"' in html
    assert "1 kết quả cho “Tân Kỳ”" in html
