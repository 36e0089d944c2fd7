"""A missing back-office address (or a record out of reach) answers the back office's 404,
in Vietnamese with a way home; any other address the sub-site's own."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_back_office_404_stays_in_the_back_office(tree, as_user, office_district):
    client = as_user(office_district)
    province_unit = reverse("unit:inspect", args=[tree.province.pk])  # out of reach
    for url in (province_unit, "/admin/khong-co-trang-nay/", "/admin/person/inspect/99999999/"):
        response = client.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert "Về trang chủ của tôi" in html and reverse("wagtailadmin_home") in html, url
        assert "Wagtail" not in html.replace("wagtailadmin", ""), url
        assert 'class="banner' not in html, url  # not the sub-site's layout


def test_elsewhere_the_404_is_the_sub_sites(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Về trang chủ của tôi" not in response.content.decode()
