import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from dangbo.people.models import Role
from tests.factories import PersonFactory, PositionFactory


def review(*args) -> str:
    out = StringIO()
    call_command("review", "tenure", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def posts(tree):
    """A head over two terms re-elected after a 14-day gap, a deputy approaching, a member."""
    head = PersonFactory(code="P-HEAD", full_name="Lê Văn Hùng", unit=tree.commune_a)
    PositionFactory(
        person=head, unit=tree.commune_a, start_date=date(2010, 3, 1), end_date=date(2015, 9, 30)
    )
    PositionFactory(person=head, unit=tree.commune_a, start_date=date(2015, 10, 15))
    deputy = PersonFactory(code="P-DEP", full_name="Trần Thị Mai", unit=tree.commune_b)
    PositionFactory(
        person=deputy, unit=tree.commune_b, role=Role.DEPUTY, start_date=date(2011, 6, 1)
    )
    member = PersonFactory(code="P-MEM", unit=tree.commune_b)
    PositionFactory(
        person=member, unit=tree.commune_b, role=Role.MEMBER, start_date=date(2001, 1, 1)
    )
    return head, deputy


def test_json_is_the_interchange_shape(posts):
    rows = json.loads(review("--as-of", "2019-06-30", "--json"))
    assert [(r["person_code"], r["unit_code"], r["role"]) for r in rows] == [
        ("P-HEAD", "X-DV", "head")
    ]
    row = rows[0]
    assert row["since"] == "2010-03-01"
    assert row["months"] == 111
    assert row["status"] == "over"
    assert "65-QĐ/TW" in row["rule"]
    assert [h["start"] for h in row["holdings"]] == ["2010-03-01", "2015-10-15"]


def test_deputies_only_when_asked(posts):
    rows = json.loads(review("--as-of", "2019-06-30", "--include-deputies", "--json"))
    assert [(r["person_code"], r["status"], r["months"]) for r in rows] == [
        ("P-DEP", "over", 96),
        ("P-HEAD", "over", 111),
    ]


def test_scope_limits_the_review_to_the_users_subtree(posts, office_a):
    rows = json.loads(
        review("--as-of", "2019-06-30", "--include-deputies", "--json", "--user", office_a.username)
    )
    assert {r["person_code"] for r in rows} == {"P-HEAD"}


def test_table_is_readable(posts):
    text = review("--as-of", "30/06/2019")
    assert "Lê Văn Hùng" in text
    assert "01/03/2010" in text


def test_bad_date_is_a_clear_error(posts):
    with pytest.raises(CommandError, match="31/02/2019"):
        review("--as-of", "31/02/2019")


def test_unknown_user_is_a_clear_error(posts):
    with pytest.raises(CommandError, match="nobody"):
        review("--as-of", "2019-06-30", "--user", "nobody")


def test_screen_explains_each_line(client, posts, office_district):
    client.force_login(office_district)
    response = client.get(
        reverse("reviews_tenure"), {"as_of": "2019-06-30", "include_deputies": "on"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lê Văn Hùng" in body and "Trần Thị Mai" in body
    assert "15/10/2015" in body  # the second, chained post
    assert "65-QĐ/TW" in body


def test_screen_is_scoped(client, posts, office_a):
    client.force_login(office_a)
    body = client.get(
        reverse("reviews_tenure"), {"as_of": "2019-06-30", "include_deputies": "on"}
    ).content.decode()
    assert "Lê Văn Hùng" in body
    assert "Trần Thị Mai" not in body


def test_screen_exports_xlsx(client, posts, office_district):
    client.force_login(office_district)
    response = client.get(reverse("reviews_tenure"), {"as_of": "2019-06-30", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_screen_reports_a_bad_date_on_the_field(client, posts, office_district):
    client.force_login(office_district)
    response = client.get(reverse("reviews_tenure"), {"as_of": "31/02/2019"})
    assert response.status_code == 200
    assert response.context["form"].errors["as_of"]
    assert response.context["lines"] == []


def test_interface_is_vietnamese_whatever_the_browser_says(client, posts, office_district):
    client.force_login(office_district)
    response = client.get(reverse("reviews_tenure"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert "Rà soát" in response.content.decode()
