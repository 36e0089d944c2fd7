"""Wagtail's "Site history" report links each entry to its record: never a 500 for records
that have no edit screen (posts, unit events and rating rounds are only ended or recorded)."""

from datetime import date

from django.urls import reverse

from dangbo.org import services as org_services
from dangbo.org.models import EventKind
from dangbo.people import services as people_services
from tests.factories import PositionFactory


def test_site_history_links_an_ended_post_and_an_event_to_their_pages(
    tree, person_a, superuser, as_user
):
    post = person_a.positions.get()
    people_services.position_end(actor=superuser, position=post, end_date=date(2024, 12, 31))
    event = org_services.unit_event_record(
        actor=superuser,
        day=date(2020, 1, 1),
        kind=EventKind.RENAME,
        sources=[tree.commune_b],
        targets=[tree.commune_b],
        name="Đảng bộ xã Tân Xuân mới",
    )
    response = as_user(superuser).get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("position:inspect", args=[post.pk]) in page
    assert reverse("unit_event:inspect", args=[event.pk]) in page


def test_site_history_of_an_office_shows_no_link_to_what_it_may_not_change(
    tree, office_a, superuser, as_user
):
    post = PositionFactory(person__unit=tree.commune_b, person__code="P-B9")
    people_services.position_end(actor=superuser, position=post, end_date=date(2024, 12, 31))
    response = as_user(office_a).get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert reverse("position:inspect", args=[post.pk]) not in response.content.decode()
