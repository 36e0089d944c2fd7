"""The published discipline lists as pages of the sub-sites (issue 9 item 5)."""

from datetime import date

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from dangbo.accounts.models import User, UserRole
from dangbo.core import audit
from dangbo.discipline import services
from dangbo.discipline.models import DisciplineCase, ListStatus, PublishedList
from dangbo.portal.lists import DisciplineListIndexPage, DisciplineListPage
from tests.discipline.test_lists import SUMMARY, announced_case, make_sites, publish
from tests.factories import UserFactory

COMMUNE_HOST = {"HTTP_HOST": "tanky.localhost"}
PROVINCE_HOST = {"HTTP_HOST": "localhost"}


@pytest.fixture
def sites(tree):
    return make_sites(tree)


@pytest.fixture
def inspector_a(tree):
    return UserFactory(username="ubkt_a", unit=tree.commune_a, role=UserRole.INSPECTION)


def page_path(page) -> str:
    return page.get_url_parts()[2]


def test_the_page_shows_the_public_fields_and_nothing_private(client, tree, inspector_a, sites):
    case = announced_case(
        inspector_a,
        "KL-9",
        tree.branch_a,
        announced=date(2019, 3, 5),
        by="UBKT Đảng ủy xã",
        name="Lê Thị Hoa",
    )
    page = publish(inspector_a, tree.commune_a).page.specific
    response = client.get(page_path(page), **COMMUNE_HOST)
    assert response.status_code == 200
    html = response.content.decode()
    for shown in (
        case.person.full_name,
        "Chi bộ xóm 1",
        "Khiển trách",
        "01/03/2019",
        "UBKT Đảng ủy xã",
    ):
        assert shown in html, shown
    for private in (SUMMARY, "KL-9", "10/01/2018", case.person.code):
        assert private not in html, private
    assert "Đã đính chính" not in html


def test_the_page_is_on_its_committees_site_only(client, tree, inspector_a, sites):
    announced_case(inspector_a, "KL-1", tree.commune_a, announced=date(2019, 3, 5))
    page = publish(inspector_a, tree.commune_a).page.specific
    path = page_path(page)
    assert path.startswith("/cong-bo-ky-luat/")
    assert client.get(path, **COMMUNE_HOST).status_code == 200
    assert client.get(path, **PROVINCE_HOST).status_code == 404
    index = client.get("/cong-bo-ky-luat/", **COMMUNE_HOST)
    assert index.status_code == 200 and page.title in index.content.decode()
    assert client.get("/cong-bo-ky-luat/", **PROVINCE_HOST).status_code == 404


def test_a_correction_is_shown_with_its_date_and_what_changed(client, tree, inspector_a, sites):
    case = announced_case(inspector_a, "KL-1", tree.commune_a, announced=date(2019, 3, 5))
    page = publish(inspector_a, tree.commune_a).page.specific
    services.case_update(actor=inspector_a, case=case, form="canh_cao")
    html = client.get(page_path(page), **COMMUNE_HOST).content.decode()
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"Đã đính chính ngày {today}" in html
    assert "Khiển trách → Cảnh cáo" in html
    index = client.get("/cong-bo-ky-luat/", **COMMUNE_HOST).content.decode()
    assert f"Đã đính chính ngày {today}" in index
    assert SUMMARY not in html


def test_nobody_types_or_edits_the_page_in_the_admin(client, tree, inspector_a, sites, superuser):
    announced_case(inspector_a, "KL-1", tree.commune_a, announced=date(2019, 3, 5))
    page = publish(inspector_a, tree.commune_a).page.specific
    editor = UserFactory(unit=tree.commune_a, role=UserRole.EDITOR)
    for user in (editor, superuser):
        tester = page.permissions_for_user(user)
        assert not tester.can_publish() and not tester.can_move() and not tester.can_copy()
    assert not page.permissions_for_user(editor).can_delete()
    assert not page.permissions_for_user(editor).can_unpublish()
    assert page.permissions_for_user(superuser).can_unpublish()
    assert not DisciplineListPage.is_creatable and not DisciplineListIndexPage.is_creatable
    client.force_login(superuser)
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert 'name="rows"' not in edit.content.decode()  # nothing to type
    assert client.get(f"/admin/pages/{page.pk}/history/").status_code == 200


# --- the demo ---------------------------------------------------------------------------


def test_the_demo_publishes_the_districts_2019_first_half_on_the_boards_site(demo, client):
    published = PublishedList.objects.get(unit__code="HU-TK", year=2019, period="H1")
    assert published.status == ListStatus.PUBLISHED
    assert published.approved_by.username == "ubkt.huyen"
    case = DisciplineCase.objects.get(code="KL-2019-01")
    assert [row["case"] for row in published.rows] == [case.pk]
    page = published.page.specific
    path = page_path(page)
    assert path == "/cong-bo-ky-luat/6-thang-dau-nam-2019-huyen-uy-tan-ky/"
    response = client.get(path, HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vũ Đình Hưng" in html and "Cách chức" in html and "12/03/2019" in html
    assert case.summary[:40] not in html
    assert client.get(path, HTTP_HOST="tanky.localhost:8000").status_code == 404
    # The site's menu leads to the lists, on the Board's site only (the commune has none yet).
    menu = '<a href="/cong-bo-ky-luat/"'
    assert menu in client.get("/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert menu not in client.get("/", HTTP_HOST="tanky.localhost:8000").content.decode()


def test_the_demo_lists_again_change_nothing(demo):
    from dangbo.demo.lists import ensure_demo_published_lists

    entries = audit.history(PublishedList.objects.get(unit__code="HU-TK")).count()
    pages = PageLogEntry.objects.count()
    revisions = DisciplineListPage.objects.get().revisions.count()
    ensure_demo_published_lists()
    assert audit.history(PublishedList.objects.get(unit__code="HU-TK")).count() == entries
    assert PageLogEntry.objects.count() == pages
    assert DisciplineListPage.objects.get().revisions.count() == revisions
    assert User.objects.filter(username="ubkt.huyen").exists()
