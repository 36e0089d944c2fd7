"""The posts list: in the tree's order, unit by unit, then by person (the order the indexes
give at a million posts), and searched by the person's name through the people's table."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(tree):
    # Created out of order: the list's order comes from the tree and the codes.
    made = {}
    for code, name, unit in [
        ("P-3", "Trần Thị Bình", tree.commune_b),
        ("P-2", "Nguyễn Văn Ân", tree.branch_a),
        ("P-1", "Lê Văn Cường", tree.commune_a),
        ("P-0", "Phạm Thị Dung", tree.district),
    ]:
        person = PersonFactory(code=code, full_name=name, unit=unit)
        made[code] = PositionFactory(person=person, unit=unit, start_date=date(2015, 1, 1))
    PositionFactory(person=made["P-1"].person, unit=tree.commune_a, start_date=date(2010, 1, 1))
    return made


def listed(client, query=None):
    response = client.get(reverse("position:index"), query or {})
    assert response.status_code == 200
    shown = response.context["object_list"]
    return [(p.unit.code, p.person.code, p.start_date.year) for p in shown]


def test_posts_come_unit_by_unit_in_the_tree_order(as_user, office_district, tree, posts):
    rows = listed(as_user(office_district))
    paths = {u.code: u.path for u in (tree.district, tree.commune_a, tree.commune_b, tree.branch_a)}
    assert [paths[unit] for unit, _, _ in rows] == sorted(paths[unit] for unit, _, _ in rows)
    commune_a = [(person, year) for unit, person, year in rows if unit == tree.commune_a.code]
    assert commune_a == [("P-1", 2010), ("P-1", 2015)]  # then by person, then by start
    # A header's sort still applies, with the same tie-breakers.
    by_start = listed(as_user(office_district), {"ordering": "-start_date"})
    assert by_start[-1] == (tree.commune_a.code, "P-1", 2010)


def test_the_search_finds_posts_by_the_persons_name_without_accents(
    as_user, office_district, posts
):
    client = as_user(office_district)
    assert [p for _, p, _ in listed(client, {"q": "nguyen van an"})] == ["P-2"]
    assert [p for _, p, _ in listed(client, {"q": "LÊ cường"})] == ["P-1", "P-1"]
    assert listed(client, {"q": "không có ai"}) == []
