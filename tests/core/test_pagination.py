"""The lists' paginator (core/views/pagination.BoundedPaginator) counts at most its cap: a
million posts in reach are not counted one by one for a page of 20; beyond the cap the list
says "hơn …" and asks for a filter; below it the count is exact."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from dangbo.core.views.pagination import BoundedPaginator
from dangbo.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven_people(tree):
    for n in range(7):
        PersonFactory(code=f"P-{n}", unit=tree.commune_a)


def test_below_the_cap_the_count_is_exact(as_user, office_district, seven_people):
    client = as_user(office_district)
    response = client.get(reverse("person:index"))
    assert response.status_code == 200
    paginator = response.context["paginator"]
    assert isinstance(paginator, BoundedPaginator)
    assert not paginator.capped
    assert paginator.count == Person.objects.count() == 7


def test_beyond_the_cap_the_count_stops_and_the_list_says_so(
    as_user, office_district, seven_people, monkeypatch
):
    monkeypatch.setattr(BoundedPaginator, "cap", 5)
    client = as_user(office_district)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("person:index"))
    assert response.status_code == 200
    paginator = response.context["paginator"]
    assert paginator.capped and paginator.count == 5
    html = response.content.decode()
    assert "Hơn 5 bản ghi: lọc hoặc tìm để thu hẹp danh sách" in html
    with translation.override("vi"):
        label = f"Hơn 5 {Person._meta.verbose_name_plural}: lọc hoặc tìm để thu hẹp danh sách"
    assert label in html
    # The count asks for at most cap + 1 rows, whatever the list's ordering.
    counts = [q["sql"] for q in queries.captured_queries if "people_person" in q["sql"]]
    counts = [sql for sql in counts if sql.upper().startswith("SELECT COUNT(")]
    assert counts and all(sql.endswith("LIMIT 6) subquery") for sql in counts), counts
    # A filter that brings the list under the cap gives the exact count again.
    narrowed = client.get(reverse("person:index"), {"q": "P-1"})
    assert narrowed.status_code == 200
    assert not narrowed.context["paginator"].capped


def test_a_page_past_the_cap_or_not_a_number_shows_a_page(
    as_user, office_district, seven_people, monkeypatch
):
    monkeypatch.setattr(BoundedPaginator, "cap", 5)
    client = as_user(office_district)
    for crafted in ("999999", "abc", "-1", "1" * 40):
        response = client.get(reverse("person:index"), {"p": crafted})
        assert response.status_code == 200, crafted
        assert response.context["page_obj"].number in (1, 2), crafted
