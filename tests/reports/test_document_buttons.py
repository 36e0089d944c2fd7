""" "Tạo văn bản" beside the screen each newer document comes from (docs/guide/van-ban.md): the
plan's page, the weak-units board, the quarter board, the classification review, the tenure
review (the results report); shown to whoever may issue, absent for whoever may not, and the
form it opens carries the screen's options."""

import pytest
from django.urls import reverse

from dangbo.accounts.models import User, UserRole
from dangbo.org.models import Unit
from dangbo.rotation.models import RotationPlan
from tests.factories import UserFactory

BUTTON = "Tạo văn bản"


def plan_page():
    plan = RotationPlan.objects.get(code="KH-LC-2016-2020")
    return reverse("rotation_plan:inspect", args=[plan.pk]), {}


SCREENS = {
    "rotation-plan": plan_page,
    "assistance-decision": lambda: (reverse("weak_units:index"), {"year": "2016"}),
    "supervision-quarter": lambda: (
        reverse("supervision_board:index"),
        {"period": "2019Q3", "as_of": "30/09/2019"},
    ),
    "ratings": lambda: (reverse("reviews_review", args=["ratings"]), {"year": "2018"}),
    "story": lambda: (
        reverse("reviews_tenure"),
        {"as_of": "2019-06-30", "include_deputies": "on"},
    ),
}


def district_secretary():
    """A grassroots secretary's role held at the district: sees the plans and the quarter
    board of the district, may not issue (docs/roles.md); no demo login is both."""
    district = Unit.objects.get(code="HU-TK")
    return UserFactory(unit=district, role=UserRole.GRASSROOTS_SECRETARY)


# Who sees the screen but may not issue documents (docs/roles.md: no "Văn bản" rights).
NOT_ISSUING = {
    "rotation-plan": district_secretary,
    "assistance-decision": "bdv.huyen",
    "ratings": "bithu.dongvan",
    "story": "cuv.huyen",
}


def page(client, who, name):
    user = User.objects.get(username=who) if isinstance(who, str) else who()
    client.force_login(user)
    url, query = SCREENS[name]()
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", list(SCREENS))
def test_the_office_finds_the_button_and_its_form_opens(demo, client, name):
    body = page(client, "btc.huyen", name)
    form_url = reverse("reports_issue", args=[name])
    assert BUTTON in body and form_url in body
    start = body.index(form_url)
    href = body[start : body.index('"', start)].replace("&amp;", "&")
    form = client.get(href)
    assert form.status_code == 200


@pytest.mark.parametrize("name", list(NOT_ISSUING))
def test_who_may_not_issue_sees_the_screen_without_the_button(demo, client, name):
    body = page(client, NOT_ISSUING[name], name)
    assert reverse("reports_issue", args=[name]) not in body


def test_the_quarter_board_is_only_for_who_may_issue(demo, client):
    """The board is the standing committee's and the office's (supervision/permissions.py),
    who both issue documents: a committee member, who may not, does not reach it at all."""
    client.force_login(User.objects.get(username="cuv.huyen"))
    url, query = SCREENS["supervision-quarter"]()
    assert client.get(url, query).status_code == 404
