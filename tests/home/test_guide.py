"""The guides in the back office: Markdown rendered and cleaned, images served by name only."""

import pytest
from django.urls import reverse

from dangbo.accounts.models import User, UserRole
from dangbo.home import guide
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_guide_pages_render_for_a_user_with_access(tree, client):
    client.force_login(UserFactory(unit=tree.commune_a, role=UserRole.GRASSROOTS_SECRETARY))
    for slug in guide.guide_files():
        url = reverse("home_guide_index") if slug == "index" else reverse("home_guide", args=[slug])
        response = client.get(url)
        assert response.status_code == 200, slug
        assert "dangbo-guide" in response.content.decode()
    assert client.get("/admin/guide/nope/").status_code == 404
    assert client.get("/admin/guide/..%2F..%2Fpyproject/").status_code == 404


def test_images_are_served_by_name_only(tree, client):
    client.force_login(UserFactory(unit=tree.commune_a, role=UserRole.GRASSROOTS_SECRETARY))
    for name in ("..%2F..%2Fpyproject.toml", "x.png", "..png", "a/../b.png"):
        assert client.get(f"/admin/guide/img/{name}", follow=True).status_code == 404
    images = sorted(guide.IMAGES.glob("*.png"))
    if images:
        response = client.get(reverse("home_guide_image", args=[images[0].name]))
        assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_markdown_is_cleaned_and_links_rewritten(tmp_path):
    page = tmp_path / "g.md"
    page.write_text(
        "# Tiêu đề\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
        "[y](ban-to-chuc.md) [z](../../etc/passwd)\n\n![a](img/home.png)\n\n"
        '<img src="x" onerror="alert(1)">\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
        encoding="utf-8",
    )
    html, title = guide._render(page, 0.0)
    assert title == "Tiêu đề"
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "passwd" not in html
    assert reverse("home_guide_image", args=["home.png"]) in html
    assert "<table>" in html


def test_the_help_menu_puts_the_role_guide_first(demo, client):
    client.force_login(User.objects.get(username="bithu.tanky"))
    html = client.get("/admin/").content.decode()
    assert reverse("home_guide", args=["bi-thu-co-so"]) in html
    assert reverse("home_guide_index") in html
    assert guide.guides_for(User.objects.get(username="bithu.tanky"))[0] == "bi-thu-co-so"
    assert guide.guides_for(User.objects.get(username="btc.tinhuy"))[0] == "ban-to-chuc-tinh"
    assert guide.guides_for(User.objects.get(username="admin"))[0] == "quan-tri"
