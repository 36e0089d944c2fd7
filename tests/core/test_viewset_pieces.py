"""The declarative viewset pieces (dangbo/core/views): the subtree unit filter, the
open/closed filter and the scoped action view, as org/ and people/ use them."""

import datetime

import pytest
from django.urls import reverse

from dangbo.core import views
from dangbo.org.models import Unit
from dangbo.org.policy import policy_for
from dangbo.org.views import UnitEndView
from dangbo.people.models import Position
from tests.factories import PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


NAMES = (
    "DayColumn",
    "DayField",
    "EndView",
    "ScopedCreateView",
    "ScopedEditView",
    "ScopedIndexView",
    "ScopedInspectView",
    "ScopedObjectMixin",
    "ScopedViewSet",
    "add_problems",
    "inspect_url_name",
    "TimeColumn",
    "ServiceFormMixin",
    "ScopedHistoryView",
    "EndForm",
    "MISSING_VERSION",
    "VIEW",
)


def page(response) -> str:
    return response.content.decode()


def test_every_name_imported_from_the_old_module_is_still_there():
    for name in NAMES:
        assert hasattr(views, name), name


def test_subtree_filter_lists_a_unit_and_below_and_offers_only_visible_units(
    as_user, office_district, office_a, tree, person_a, person_b
):
    in_branch = PersonFactory(code="P-CB", full_name="Hồ Văn Chi", unit=tree.branch_a)
    client = as_user(office_district)
    listing = page(client.get(reverse("person:index"), {"unit": tree.commune_a.pk}))
    assert person_a.full_name in listing and in_branch.full_name in listing
    assert person_b.full_name not in listing
    # office_a's choices are A's subtree only; a crafted choice outside it filters nothing
    # in and shows nothing out of reach.
    client = as_user(office_a)
    response = client.get(reverse("person:index"), {"unit": tree.commune_b.pk})
    choices = response.context["filters"].form.fields["unit"].queryset
    assert set(choices) == {tree.commune_a, tree.branch_a}
    assert person_b.full_name not in page(response)


def test_open_closed_filter_on_posts_and_units(as_user, office_a, tree, person_a):
    ended = PositionFactory(
        person=person_a,
        unit=tree.branch_a,
        title="Phó bí thư đã thôi",
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    client = as_user(office_a)
    current = page(client.get(reverse("position:index"), {"status": "current"}))
    closed = page(client.get(reverse("position:index"), {"status": "ended"}))
    assert ended.title not in current and ended.title in closed
    assert str(person_a.positions.exclude(pk=ended.pk).get().unit.name) in current
    Unit.objects.filter(pk=tree.branch_a.pk).update(valid_to=datetime.date(2020, 1, 1))
    units_now = page(client.get(reverse("unit:index"), {"status": "current"}))
    units_ended = page(client.get(reverse("unit:index"), {"status": "ended"}))
    assert tree.branch_a.name not in units_now and tree.branch_a.name in units_ended


def test_action_buttons_only_where_the_action_is_offered(as_user, office_a, secretary_a, tree):
    url = reverse("unit:end", args=[tree.branch_a.pk])
    assert url in page(as_user(office_a).get(reverse("unit:inspect", args=[tree.branch_a.pk])))
    assert url in page(as_user(office_a).get(reverse("unit:index")))  # in the row's menu
    # Who may only read sees no button; neither does anyone on an ended unit.
    assert url not in page(
        as_user(secretary_a).get(reverse("unit:inspect", args=[tree.branch_a.pk]))
    )
    Unit.objects.filter(pk=tree.branch_a.pk).update(valid_to=datetime.date(2020, 1, 1))
    branch = Unit.objects.get(pk=tree.branch_a.pk)
    assert not UnitEndView.offered(policy_for(Unit), office_a, branch)
    assert url not in page(as_user(office_a).get(reverse("unit:inspect", args=[branch.pk])))


def test_action_page_of_an_ended_record_sends_back_with_a_message(as_user, office_a, tree):
    Unit.objects.filter(pk=tree.branch_a.pk).update(valid_to=datetime.date(2020, 1, 1))
    client = as_user(office_a)
    response = client.get(reverse("unit:end", args=[tree.branch_a.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("unit:inspect", args=[tree.branch_a.pk])
    assert any("2020" not in str(m) for m in response.context["messages"])


def test_action_outside_the_scope_or_without_the_right_writes_nothing(
    as_user, office_a, secretary_a, tree, person_a, person_b
):
    post_b = person_b.positions.get()
    response = as_user(office_a).post(
        reverse("position:end", args=[post_b.pk]),
        {"end_date": "31/12/2024", "record_version": "x"},
    )
    assert response.status_code == 404
    post_a = person_a.positions.get()
    response = as_user(secretary_a).post(
        reverse("position:end", args=[post_a.pk]),
        {"end_date": "31/12/2024", "record_version": "x"},
    )
    assert response.status_code in (302, 403)  # Wagtail turns a 403 into the dashboard
    assert not Position.objects.filter(end_date__isnull=False).exists()


def test_action_runs_the_service_with_the_version_and_redirects(as_user, office_a, person_a):
    post = person_a.positions.get()
    client = as_user(office_a)
    form = client.get(reverse("position:end", args=[post.pk]))
    assert 'href="' + reverse("position:inspect", args=[post.pk]) in page(form)  # breadcrumbs
    version = form.context["form"].initial["record_version"]
    missing = client.post(reverse("position:end", args=[post.pk]), {"end_date": "31/12/2024"})
    assert missing.status_code == 200 and missing.context["form"].non_field_errors()
    bad = client.post(
        reverse("position:end", args=[post.pk]),
        {"end_date": "31/13/2024", "record_version": version},
    )
    assert bad.status_code == 200 and bad.context["form"].errors["end_date"]
    post.refresh_from_db()
    assert post.end_date is None
    done = client.post(
        reverse("position:end", args=[post.pk]),
        {"end_date": "31/12/2024", "record_version": version},
    )
    assert done.url == reverse("position:inspect", args=[post.pk])
    post.refresh_from_db()
    assert post.end_date == datetime.date(2024, 12, 31)
