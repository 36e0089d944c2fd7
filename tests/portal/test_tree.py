"""The sub-site's tree is always home → category → article (issue 9 item 2)."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from dangbo.portal.models import ArticlePage, CategoryPage, PortalHomePage
from tests.portal.conftest import publish


def test_each_page_type_goes_only_where_it_belongs(portal):
    root = Page.get_first_root_node()
    article = portal.articles[0]
    assert PortalHomePage.can_create_at(root)
    assert not PortalHomePage.can_create_at(portal.home)
    assert CategoryPage.can_create_at(portal.home)
    assert not CategoryPage.can_create_at(root)
    assert not CategoryPage.can_create_at(portal.news)
    assert ArticlePage.can_create_at(portal.news)
    assert not ArticlePage.can_create_at(portal.home)
    assert not ArticlePage.can_create_at(root)
    assert not ArticlePage.can_create_at(article)
    assert not CategoryPage.can_create_at(article)
    # Beside the categories, the published discipline lists' index (made by its service only).
    from dangbo.portal.lists import DisciplineListIndexPage

    assert PortalHomePage.allowed_subpage_models() == [CategoryPage, DisciplineListIndexPage]
    assert CategoryPage.allowed_subpage_models() == [ArticlePage]
    assert ArticlePage.allowed_subpage_models() == []


def test_the_admin_refuses_an_article_under_a_home(portal, superuser, client):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/add/portal/articlepage/{portal.home.pk}/")
    # Wagtail refuses with "permission denied" and a redirect to the dashboard.
    assert response.status_code in (302, 403)
    assert "/add/" not in response.get("Location", "")
    response = client.get(f"/admin/pages/add/portal/articlepage/{portal.news.pk}/")
    assert response.status_code == 200


def test_the_date_defaults_to_the_first_publication(portal):
    page = publish(portal.news, ArticlePage(title="Chưa có ngày", lead="Sapo."))
    assert page.date == timezone.localdate(page.first_published_at)
    # An editor's date stays as given.
    given = publish(
        portal.news, ArticlePage(title="Có ngày", lead="Sapo.", date=datetime.date(2019, 1, 2))
    )
    assert given.date == datetime.date(2019, 1, 2)


def test_the_category_of_an_article_is_its_parent(portal):
    assert portal.articles[0].get_parent().specific == portal.news
