"""Each sub-site's editors and approvers (issue 9, item 1): their groups follow their grants,
and the editors of one sub-site cannot see or change another's pages, images or documents,
whatever URL they type."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import GroupApprovalTask, Page, Site, WorkflowPage

from dangbo.accounts import services
from dangbo.accounts.models import PortalSiteAccess, User, UserRole
from dangbo.demo.portal import BOARD, COMMUNE
from dangbo.org.models import Unit
from dangbo.portal.models import ArticlePage, PortalSettings
from dangbo.portal.permissions import LEGACY_EDITORS, ensure_site_access


def site_of(demo_site) -> Site:
    return Site.objects.get(hostname=demo_site.hostname)


def access_of(demo_site) -> PortalSiteAccess:
    return PortalSiteAccess.objects.get(site=site_of(demo_site))


def groups_of(username) -> set[int]:
    return set(User.objects.get(username=username).groups.values_list("pk", flat=True))


def test_each_sub_site_has_its_groups_and_workflow(demo):
    board, commune = access_of(BOARD), access_of(COMMUNE)
    assert groups_of("btc.tinh") == {board.editors_id}
    assert groups_of("bientap.tanky") == {commune.editors_id}
    assert groups_of("lanhdao.btc") == {board.approvers_id}
    assert groups_of("btc.huyen") == set()
    assert not board.editors.user_set.filter(username="bientap.tanky").exists()
    for access in (board, commune):
        home = access.site.root_page
        assert WorkflowPage.objects.get(page=home).workflow == access.workflow
        task = access.workflow.tasks.get().specific
        assert isinstance(task, GroupApprovalTask)
        assert list(task.groups.all()) == [access.approvers]
        codenames = set(
            access.editors.page_permissions.values_list("permission__codename", flat=True)
        )
        assert codenames == {"add_page", "change_page"}  # publishing goes through the workflow
        assert set(access.editors.page_permissions.values_list("page", flat=True)) == {home.pk}
        approver = set(
            access.approvers.page_permissions.values_list("permission__codename", flat=True)
        )
        assert "publish_page" in approver
        collections = set(
            access.editors.collection_permissions.values_list("collection", flat=True)
        )
        assert collections == {access.collection_id}
    assert board.collection_id != commune.collection_id
    from django.contrib.auth.models import Group

    assert not Group.objects.filter(name=LEGACY_EDITORS).exists()


def test_ensuring_twice_changes_nothing(demo):
    site = site_of(BOARD)
    first = access_of(BOARD)
    rows = first.editors.page_permissions.count(), first.approvers.page_permissions.count()
    again = ensure_site_access(site)
    assert again.pk == first.pk
    assert (
        again.editors.page_permissions.count(),
        again.approvers.page_permissions.count(),
    ) == rows


def test_membership_follows_the_grants(demo):
    admin = User.objects.get(username="admin")
    user = User.objects.create_user("bientap.moi", password="x")
    board, commune = access_of(BOARD), access_of(COMMUNE)
    grant = services.grant_give(
        actor=admin, user=user, unit=Unit.objects.get(code=COMMUNE.unit_code), role=UserRole.EDITOR
    )
    assert groups_of("bientap.moi") == {commune.editors_id}
    services.grant_update(actor=admin, grant=grant, unit=Unit.objects.get(code=BOARD.unit_code))
    assert groups_of("bientap.moi") == {board.editors_id}
    services.grant_update(actor=admin, grant=grant, role=UserRole.PORTAL_APPROVER)
    assert groups_of("bientap.moi") == {board.approvers_id}
    import datetime

    services.grant_update(actor=admin, grant=grant, valid_from=datetime.date(2020, 1, 1),
                          valid_to=datetime.date(2020, 12, 31))  # fmt: skip
    assert groups_of("bientap.moi") == set()


def test_a_grant_on_another_unit_gives_no_site(demo):
    admin = User.objects.get(username="admin")
    user = User.objects.create_user("bientap.khac", password="x")
    services.grant_give(
        actor=admin, user=user, unit=Unit.objects.get(code="HU-TK"), role=UserRole.EDITOR
    )
    assert groups_of("bientap.khac") == set()


def test_a_site_given_to_another_unit_takes_its_editors_along(demo):
    settings = PortalSettings.for_site(site_of(COMMUNE))
    settings.unit = Unit.objects.get(code=BOARD.unit_code)
    settings.save()
    commune = access_of(COMMUNE)
    assert commune.editors_id in groups_of("btc.tinh")
    assert commune.editors_id not in groups_of("bientap.tanky")


# Crafted URLs: btc.tinh (the Board's editor) at the commune's pages, images and documents.

REFUSED = (403, 404)
NOT_ALLOWED = 405  # a screen that takes no POST


@pytest.fixture
def other_site(demo, settings, tmp_path):
    """The commune's pages, with an image and a document in its collection."""
    settings.MEDIA_ROOT = str(tmp_path)
    commune = access_of(COMMUNE)
    home = commune.site.root_page.specific
    category = home.get_children().first().specific
    article = ArticlePage.objects.child_of(category).first()
    article.save_revision()
    image = Image.objects.create(
        title="Ảnh xã", file=get_test_image_file(), collection=commune.collection
    )
    document = Document.objects.create(
        title="Tài liệu xã", file=ContentFile(b"%PDF-1.4", name="tai-lieu.pdf"),
        collection=commune.collection,
    )  # fmt: skip
    return {
        "home": home,
        "category": category,
        "article": article,
        "revision": article.latest_revision,
        "image": image,
        "document": document,
    }


def page_urls(other) -> list[str]:
    """Every URL of Wagtail's page screens, filled with the other site's ids."""
    values = {
        "page_id": other["article"].pk,
        "parent_page_id": other["category"].pk,
        "page_to_move_id": other["article"].pk,
        "destination_id": other["category"].pk,
        "revision_id": other["revision"].pk,
        "pk": other["article"].pk,
        "content_type_app_name": "portal",
        "content_type_model_name": "articlepage",
        "task_state_id": 1,
        "task_id": 1,
        "workflow_state_id": 1,
        "action_name": "approve",
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
    }
    urls = []

    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, route)
                continue
            if not route.startswith("admin/pages/") or route.startswith("admin/pages/search"):
                continue
            if "usage/<slug" in route or route.startswith("admin/pages/create/"):
                continue  # per page type, not per page
            names = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
            names = [a or b for a, b in names]
            if not names:
                continue
            url = route
            for name in names:
                url = re.sub(rf"\(\?P<{name}>[^)]*\)", str(values[name]), url)
                url = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), url)
            url = url.replace("^", "").replace("\\.", ".").replace("$", "")
            urls.append("/" + url)

    walk(get_resolver().url_patterns)
    return sorted(set(urls))


def refused(response, other_ids, client=None) -> bool:
    if response.status_code in (*REFUSED, NOT_ALLOWED):
        return True
    if response.status_code == 302:  # sent back to the user's own pages, or to a refusal
        location = response["Location"]
        if not any(f"/{pk}/" in location for pk in other_ids):
            return True
        return client is not None and refused(client.get(location), other_ids)
    # Wagtail's question before publishing a page in a workflow says only "nothing to ask".
    return response.get("Content-Type") == "application/json" and response.json() == {
        "step": "no_confirmation_needed"
    }


def test_the_page_screens_of_another_sub_site_are_refused(client, other_site):
    client.force_login(User.objects.get(username="btc.tinh"))
    urls = page_urls(other_site)
    assert len(urls) > 25
    ids = [other_site[k].pk for k in ("home", "category", "article")]
    let_through = []
    for url in urls:
        if not refused(response := client.get(url), ids, client):
            let_through.append(("GET", url, response.status_code))
        if not refused(response := client.post(url, {"title": "x", "slug": "x"}), ids, client):
            let_through.append(("POST", url, response.status_code))
    bulk = [f"/admin/bulk/wagtailcore/page/{action}/?id={other_site['article'].pk}"
            for action in ("delete", "move", "publish", "unpublish")]  # fmt: skip
    titles = [other_site[k].title for k in ("home", "category", "article")]
    for url in bulk:  # Wagtail's bulk screens answer 200: they must not name the pages
        for response in (client.get(url), client.post(url, {})):
            text = response.content.decode()
            if any(title in text for title in titles):
                let_through.append(("bulk", url, response.status_code))
    for url in [f"/admin/pages/{other_site[k].pk}/" for k in ("home", "category")]:
        if not refused(response := client.get(url), ids, client):
            let_through.append(("GET", url, response.status_code))
        if not refused(response := client.post(url, {}), ids, client):
            let_through.append(("POST", url, response.status_code))
    assert let_through == [], let_through
    other_site["article"].refresh_from_db()
    assert other_site["article"].live and other_site["article"].title != "x"


def test_another_sub_site_is_not_in_the_explorer_search_or_choosers(client, other_site):
    client.force_login(User.objects.get(username="btc.tinh"))
    home, article = other_site["home"], other_site["article"]
    ids = [home.pk, other_site["category"].pk, article.pk]
    for url in (
        f"/admin/choose-page/{home.pk}/",
        f"/admin/choose-page/{other_site['category'].pk}/",
        f"/admin/api/main/pages/{article.pk}/",
    ):
        assert client.get(url).status_code in REFUSED, url
    for url in (
        "/admin/choose-page/",
        "/admin/choose-page/search/?q=Tân Kỳ",
        f"/admin/choose-page/chosen-multiple/?id={article.pk}",
        "/admin/pages/search/?q=Tân Kỳ",
        "/admin/api/main/pages/?child_of=root",
        f"/admin/api/main/pages/?child_of={home.pk}",
        "/admin/pages/",
        "/admin/",
    ):
        response = client.get(url)
        text = response.content.decode()
        assert response.status_code in (200, 302, 400, *REFUSED), url
        assert article.title not in text and "Kiện toàn các chi bộ" not in text, url
        assert f'"id": {article.pk},' not in text, url
        assert f"/admin/pages/{article.pk}/" not in text, url
    # Their own site is there.
    board_home = access_of(BOARD).site.root_page
    assert client.get(f"/admin/choose-page/{board_home.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{board_home.pk}/").status_code == 200
    assert not any(pk in ids for pk in [p.pk for p in Page.objects.none()])


def test_another_sub_sites_images_and_documents_are_refused(client, other_site):
    client.force_login(User.objects.get(username="btc.tinh"))
    image, document = other_site["image"], other_site["document"]
    ids = [image.pk, document.pk]
    let_through = []
    for url in (
        f"/admin/images/{image.pk}/",
        f"/admin/images/{image.pk}/delete/",
        f"/admin/images/{image.pk}/generate_url/",
        f"/admin/images/usage/{image.pk}/",
        f"/admin/images/multiple/{image.pk}/",
        f"/admin/images/multiple/{image.pk}/delete/",
        f"/admin/images/chooser/chosen/{image.pk}/",
        f"/admin/images/chooser/{image.pk}/select_format/",
        f"/admin/documents/edit/{document.pk}/",
        f"/admin/documents/delete/{document.pk}/",
        f"/admin/documents/usage/{document.pk}/",
        f"/admin/documents/multiple/{document.pk}/",
        f"/admin/documents/multiple/{document.pk}/delete/",
        f"/admin/documents/chooser/chosen/{document.pk}/",
        f"/admin/api/main/images/{image.pk}/",
        f"/admin/api/main/documents/{document.pk}/",
    ):
        if not refused(response := client.get(url), ids, client):
            let_through.append(("GET", url, response.status_code))
        if not refused(response := client.post(url, {"title": "x"}), ids, client):
            let_through.append(("POST", url, response.status_code))
    for url in (
        f"/admin/bulk/wagtailimages/image/delete/?id={image.pk}",
        f"/admin/bulk/wagtailimages/image/add_to_collection/?id={image.pk}",
        f"/admin/bulk/wagtaildocs/document/delete/?id={document.pk}",
    ):
        for response in (client.get(url), client.post(url, {})):
            if "Ảnh xã" in response.content.decode() or "Tài liệu xã" in response.content.decode():
                let_through.append(("bulk", url, response.status_code))
    assert let_through == [], let_through
    for url in (
        "/admin/images/",
        "/admin/images/chooser/",
        "/admin/documents/",
        "/admin/documents/chooser/",
        "/admin/api/main/images/",
        "/admin/api/main/documents/",
    ):
        response = client.get(url)
        text = response.content.decode()
        assert response.status_code in (200, *REFUSED), url
        assert "Ảnh xã" not in text and "Tài liệu xã" not in text, url
    assert Image.objects.get(pk=image.pk).title == "Ảnh xã"
    assert Document.objects.filter(pk=document.pk).exists()


def test_the_editor_edits_their_own_site_but_does_not_publish(client, demo):
    client.force_login(User.objects.get(username="btc.tinh"))
    board_home = access_of(BOARD).site.root_page
    article = ArticlePage.objects.descendant_of(board_home).live().first()
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    assert not article.permissions_for_user(User.objects.get(username="btc.tinh")).can_publish()
    assert article.permissions_for_user(User.objects.get(username="lanhdao.btc")).can_publish()
    commune_article = ArticlePage.objects.descendant_of(access_of(COMMUNE).site.root_page).first()
    assert not commune_article.permissions_for_user(
        User.objects.get(username="lanhdao.btc")
    ).can_edit()
