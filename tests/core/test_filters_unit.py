"""The unit filter of the lists (core/views/filters.SubtreeUnitFilter): its <select> offers
the committees the user sees and the chosen unit, not every unit in reach; a search box
(JSON endpoint `home_unit_lookup`, scoped) finds any other; a crafted id out of reach is
refused; a unit with nothing below it still filters by `?unit=<id>`."""

import json

import pytest
from django.test import RequestFactory
from django.urls import reverse

from dangbo.accounts.models import UserRole
from dangbo.home.selectors import LOOKUP_RESULTS
from dangbo.org.models import Unit
from dangbo.people.views import PersonFilterSet, PositionFilterSet
from tests.factories import PersonFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def filterset(user, data, filterset_class=PersonFilterSet, queryset=None):
    request = RequestFactory().get("/admin/person/", data)
    request.user = user
    queryset = queryset if queryset is not None else filterset_class._meta.model.objects.all()
    return filterset_class(data, queryset=queryset, request=request)


def offered(html: str) -> set[str]:
    import re

    return set(re.findall(r'<option value="(\d+)"', html))


def test_the_select_offers_the_committees_in_reach_and_the_chosen_unit(tree, office_district):
    form = filterset(office_district, {}).form
    html = str(form["unit"])
    # The district and commune A have units below them; commune B and the cell do not; the
    # province is out of reach.
    assert offered(html) == {str(tree.district.pk), str(tree.commune_a.pk)}
    assert 'name="unit"' in html and "<select" in html
    # The search box (no name: never submitted), hidden until JavaScript shows it.
    assert reverse("home_unit_lookup") in html and 'role="combobox"' in html
    assert 'data-dangbo-unit-search-target="box"' in html
    chosen = filterset(office_district, {"unit": str(tree.branch_a.pk)}).form
    html = str(chosen["unit"])
    assert offered(html) == {str(tree.district.pk), str(tree.commune_a.pk), str(tree.branch_a.pk)}
    assert f'<option value="{tree.branch_a.pk}" selected>' in html


def test_a_unit_not_listed_still_filters_and_one_out_of_reach_is_refused(tree, office_district):
    PersonFactory(code="P-CB", unit=tree.branch_a)
    PersonFactory(code="P-B", unit=tree.commune_b)
    PersonFactory(code="P-T", unit=tree.province)
    leaf = filterset(office_district, {"unit": str(tree.commune_b.pk)})
    assert leaf.form.is_valid()
    assert [p.code for p in leaf.qs] == ["P-B"]
    below = filterset(office_district, {"unit": str(tree.commune_a.pk)})
    assert [p.code for p in below.qs] == ["P-CB"]
    for crafted in (str(tree.province.pk), "abc", "99999999", "1" * 40):
        refused = filterset(office_district, {"unit": crafted})
        assert not refused.form.is_valid(), crafted
        assert "unit" in refused.form.errors
        # The widget shows nothing of a unit out of reach, whatever the id.
        assert offered(str(refused.form["unit"])) == {
            str(tree.district.pk),
            str(tree.commune_a.pk),
        }


def test_the_posts_list_uses_the_same_filter(tree, office_district, client):
    form = filterset(office_district, {}, PositionFilterSet).form
    assert offered(str(form["unit"])) == {str(tree.district.pk), str(tree.commune_a.pk)}
    client.force_login(office_district)
    response = client.get(reverse("position:index"), {"unit": tree.branch_a.pk})
    assert response.status_code == 200
    assert f'<option value="{tree.branch_a.pk}" selected>' in response.content.decode()


def test_the_people_list_reads_the_offered_units_in_one_query(
    tree, office_district, client, django_assert_max_num_queries
):
    # Many units without units below them: none is an option (and none is read for it).
    for n in range(30):
        UnitFactory(code=f"CB-X{n}", name=f"Chi bộ {n}", parent=tree.commune_b)
    client.force_login(office_district)
    response = client.get(reverse("person:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chi bộ 7" not in html
    assert f'<option value="{tree.commune_b.pk}"' in html  # it has units below it now
    assert "Ở đây chỉ liệt kê các cấp ủy" in html  # said without JavaScript


# --- the search box's endpoint -------------------------------------------------------------


def lookup(client, query):
    return client.get(reverse("home_unit_lookup"), {"q": query})


def test_the_lookup_finds_units_in_reach_accents_ignored(tree, office_district, client):
    client.force_login(office_district)
    response = lookup(client, "DONG van")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["results"] == [
        {
            "id": tree.commune_a.pk,
            "label": "Đảng bộ xã Đồng Văn (X-DV)",
            "parent": "Huyện ủy Tân Kỳ",
        }
    ]
    assert data["more"] is False and data["error"] == ""
    assert [r["id"] for r in json.loads(lookup(client, "xom 1").content)["results"]] == [
        tree.branch_a.pk
    ]
    # The province holds the words but lies out of reach.
    assert json.loads(lookup(client, "nghe an").content)["results"] == []
    assert json.loads(lookup(client, "TU-NA").content)["results"] == []


def test_the_lookup_of_a_commune_secretary_stays_in_their_commune(tree, client):
    secretary = UserFactory(unit=tree.commune_a, role=UserRole.GRASSROOTS_SECRETARY)
    client.force_login(secretary)
    found = json.loads(lookup(client, "xa").content)["results"]
    assert [r["id"] for r in found] == [tree.commune_a.pk]  # not Tân Xuân


def test_the_lookup_says_when_there_are_more(tree, office_district, client):
    for n in range(LOOKUP_RESULTS + 3):
        UnitFactory(code=f"CB-M{n:02d}", name=f"Chi bộ mới {n:02d}", parent=tree.commune_b)
    client.force_login(office_district)
    data = json.loads(lookup(client, "chi bo moi").content)
    assert len(data["results"]) == LOOKUP_RESULTS and data["more"] is True
    assert data["results"][0]["label"] == "Chi bộ mới 00 (CB-M00)"


@pytest.mark.parametrize("query", ["a" * 101, "an\x00", "   ", "a b c d e f g"])
def test_bad_lookups_are_refused_with_a_message(tree, office_district, client, query):
    client.force_login(office_district)
    response = lookup(client, query)
    assert response.status_code == 400
    data = json.loads(response.content)
    assert data["results"] == [] and data["error"]


def test_the_lookup_needs_a_login_and_a_grant(tree, client):
    assert lookup(client, "xa").status_code == 302
    client.force_login(UserFactory(unit=None))
    assert lookup(client, "xa").status_code == 302  # no admin access at all


def test_the_operator_finds_every_unit(tree, superuser, client):
    client.force_login(superuser)
    ids = {r["id"] for r in json.loads(lookup(client, "tan").content)["results"]}
    assert ids == set(Unit.objects.filter(search_text__contains="tan").values_list("pk", flat=True))
