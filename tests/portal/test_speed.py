"""The denormalized category (issue 9 item 7): kept in step with the tree, and the lists
and the search bounded by what they show."""

import datetime

from dangbo.portal import search
from dangbo.portal.models import ArticlePage
from dangbo.portal.selectors import home_sections, same_category_articles
from tests.portal.conftest import article, get


def test_an_article_knows_its_category(portal):
    assert {a.category_id for a in portal.articles} == {portal.news.pk}
    assert ArticlePage.objects.get(title="Văn bản số 1").category_id == portal.other.pk


def test_a_moved_article_follows_its_new_category_even_after_an_old_revision(portal):
    moved = ArticlePage.objects.get(pk=portal.articles[0].pk)
    old_revision = moved.save_revision()
    moved.move(portal.other, pos="last-child")
    moved = ArticlePage.objects.get(pk=moved.pk)
    assert moved.category_id == portal.other.pk
    category, related = same_category_articles(article=moved)
    assert category == portal.other
    assert [a.title for a in related] == ["Văn bản số 1"]
    old_revision.publish()  # its content still names the old category
    assert ArticlePage.objects.get(pk=moved.pk).category_id == portal.other.pk


def test_the_home_merges_the_categories_newest(portal):
    article(portal.other, "Văn bản mới nhất", datetime.date(2020, 1, 1))
    sections = home_sections(home=portal.home)
    assert sections["featured"].title == "Văn bản mới nhất"
    assert [a.title for a in sections["latest"]] == [
        "Tin số 5",
        "Tin số 4",
        "Tin số 3",
        "Tin số 2",
        "Tin số 1",
        "Văn bản số 1",
    ]
    blocks = {c.title: [a.title for a in items] for c, items in sections["sections"]}
    assert blocks["Tin hoạt động"] == ["Tin số 5", "Tin số 4", "Tin số 3", "Tin số 2"]
    assert blocks["Văn bản chỉ đạo"] == ["Văn bản mới nhất", "Văn bản số 1"]


def test_the_search_count_is_capped(portal, client, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    html = get(client, "/tim-kiem/?q=tin").content.decode()
    assert "Hơn 1.000 kết quả cho “tin”" in html
    monkeypatch.setattr(search, "COUNT_CAP", 1000)
    html = get(client, "/tim-kiem/?q=tin").content.decode()
    assert "5 kết quả" in html


def test_exact_accents_first_within_the_page(portal):
    newer = article(portal.news, "Đăng ký mới", datetime.date(2020, 2, 1))
    older = article(portal.news, "Đảng bộ cũ", datetime.date(2020, 1, 1))
    query = search.Query.parse("Đảng")
    hits = list(search.search_articles(site_home=portal.home, query=query))
    assert [a.pk for a in hits] == [newer.pk, older.pk]  # the database: newest first
    assert [a.pk for a in search.ranked(hits, query)] == [older.pk, newer.pk]
