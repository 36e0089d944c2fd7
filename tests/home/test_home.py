"""The home per role (dangbo.home): due work, findings, counts and search, by the user's
grants and the policies."""

from datetime import date

import pytest
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.models import User, UserRole
from dangbo.demo.users import DEMO_LOGINS
from dangbo.discipline.models import DisciplineCase
from dangbo.home import selectors
from dangbo.home.selectors import SESSION_PREVIOUS_LOGIN, check_query, search
from dangbo.ratings.models import RatingRound, RoundStatus
from dangbo.ratings.selectors import rounds_to_approve
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def complaint_case(person, code):
    return DisciplineCase.objects.create(
        code=code,
        subject_kind="person",
        person=person,
        unit=person.unit,
        violation_date=date(2024, 10, 1),
        form="khien_trach",
        decided_date=date(2025, 1, 10),
        announced_date=date(2025, 1, 15),
        complaint_date=date(2025, 2, 1),
    )


# --- the home for every demo login -----------------------------------------------------------


@pytest.mark.parametrize("login", [d.username for d in DEMO_LOGINS])
def test_every_demo_login_gets_its_home_in_vietnamese(demo, client, login):
    from dangbo.home.selectors import may_search

    user = User.objects.get(username=login)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "dangbo-home-panel" in html
    assert "Trang chủ" in html
    # The search box for those who read people or units (not the portal's editors).
    assert ("Tìm người và đơn vị" in html) == may_search(user)
    # Wagtail's page search, which answered "no permission" to everyone without page rights.
    assert f'action="{reverse("wagtailadmin_explore_root")}' not in html
    assert "Search all pages" not in html and "Tìm tất cả các trang" not in html
    for english in ("My units", "To do", "New findings", "Members late", "findings"):
        assert english not in html


def test_the_province_office_counts_its_whole_subtree(demo, client):
    from dangbo.org.models import Unit
    from dangbo.people.models import Person

    client.force_login(User.objects.get(username="btc.tinhuy"))
    response = client.get("/admin/?reviews=1")
    counts = {c.key: c.number for c in response.context["counts"]}
    today = timezone.localdate()
    province = Unit.objects.get(code="TU-NA")
    units = Unit.objects.filter(path__startswith=province.path)
    valid = [u for u in units if u.is_valid_on(today)]
    assert counts["units"] == len(valid) > 1
    assert counts["members"] == Person.objects.filter(unit__in=valid).count() > 0
    assert {"over_two_terms", "weak_units", "open_cases"} <= set(counts)


def test_a_helper_body_sees_no_discipline(demo, client):
    client.force_login(User.objects.get(username="bdv.huyen"))
    response = client.get("/admin/?reviews=1")
    keys = {c.key for c in response.context["counts"]}
    assert "open_cases" not in keys
    assert "discipline" not in {f.name for f in response.context["findings"]}
    client.force_login(User.objects.get(username="ubkt.huyen"))
    response = client.get("/admin/?reviews=1")
    assert "open_cases" in {c.key for c in response.context["counts"]}


def test_a_committee_member_sees_their_own_missing_report(demo, client):
    client.force_login(User.objects.get(username="cuv.huyen"))
    response = client.get("/admin/")
    groups = {g.key: g for g in response.context["due"]}
    own = groups["own_reports"]
    assert own.total >= 1 and all(item.url == reverse("supervision_my_work") for item in own.items)
    assert any(item.overdue for item in own.items)


def test_the_office_sees_rotations_to_evaluate(demo, client):
    client.force_login(User.objects.get(username="btc.huyen"))
    groups = {g.key: g for g in client.get("/admin/").context["due"]}
    evaluations = groups["evaluations"]
    assert evaluations.total >= 1
    assert all(item.url.startswith("/admin/rotation/") for item in evaluations.items)
    # The secretary keeps no rotations: nothing of the kind on their home.
    client.force_login(User.objects.get(username="bithu.dongvan"))
    assert "evaluations" not in {g.key for g in client.get("/admin/").context["due"]}


# --- due work on the small tree --------------------------------------------------------------


def test_complaints_not_resolved_are_due_for_the_inspection_of_their_unit(tree, client):
    person_a = PersonFactory(code="P-A1", full_name="Nguyễn Văn An", unit=tree.commune_a)
    person_b = PersonFactory(code="P-B1", full_name="Đặng Thị Bình", unit=tree.commune_b)
    complaint_case(person_a, "KL-A")
    complaint_case(person_b, "KL-B")
    resolved = complaint_case(person_a, "KL-A-DONE")
    resolved.complaint_resolved_date = date(2025, 3, 1)
    resolved.save()
    inspection_a = UserFactory(unit=tree.commune_a, role=UserRole.INSPECTION)
    groups = {g.key: g for g in selectors.due_work(inspection_a)}
    assert [item.code for item in groups["complaints"].items] == ["KL-A"]
    # The office reads cases but does not keep them: no complaint is its to do.
    office = UserFactory(unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    assert "complaints" not in {g.key for g in selectors.due_work(office)}


def test_rounds_to_approve_are_the_submitted_ones_the_user_may_decide(tree):
    RatingRound.objects.create(year=2023, unit=tree.district)  # a draft: the office's still
    draft = RatingRound.objects.create(year=2025, unit=tree.district, status=RoundStatus.SUBMITTED)
    RatingRound.objects.create(year=2024, unit=tree.district, status=RoundStatus.APPROVED)
    outside = RatingRound.objects.create(
        year=2025, unit=tree.province, status=RoundStatus.SUBMITTED
    )
    standing = UserFactory(unit=tree.district, role=UserRole.STANDING_COMMITTEE)
    office = UserFactory(unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    assert list(rounds_to_approve(standing)) == [draft]
    assert not rounds_to_approve(office).exists()
    groups = {g.key: g for g in selectors.due_work(standing)}
    assert groups["rounds"].total == 1
    assert outside.pk not in {r.pk for r in rounds_to_approve(standing)}


def test_a_login_without_grant_gets_no_home(tree, client):
    client.force_login(UserFactory(unit=None))
    assert client.get("/admin/").status_code == 302  # back to the login: no access at all


# --- the previous login ------------------------------------------------------------------------


def test_the_previous_login_is_kept_for_the_session(tree):
    user = UserFactory(unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    before = timezone.now().replace(microsecond=0) - timezone.timedelta(days=3)
    User.objects.filter(pk=user.pk).update(last_login=before)
    user.refresh_from_db()
    request = RequestFactory().get("/")
    request.session = SessionStore()
    user_logged_in.send(sender=User, request=request, user=user)
    assert selectors.previous_login(request) == before
    user.refresh_from_db()
    assert user.last_login > before  # Django's own receiver ran after ours
    request.session[SESSION_PREVIOUS_LOGIN] = "not a date"
    assert selectors.previous_login(request) is None


# --- search ------------------------------------------------------------------------------------


def test_search_is_accent_insensitive_and_scoped(tree, client):
    PersonFactory(code="P-A1", full_name="Nguyễn Văn An", unit=tree.commune_a)
    PersonFactory(code="P-B1", full_name="Nguyễn Văn Bình", unit=tree.commune_b)
    secretary = UserFactory(unit=tree.commune_a, role=UserRole.GRASSROOTS_SECRETARY)
    found = search(secretary, "nguyen van")
    assert [p.code for p in found.people] == ["P-A1"]
    assert [u.code for u in search(secretary, "dong van").units] == ["X-DV"]
    assert search(secretary, "tan xuan").units == []
    client.force_login(secretary)
    response = client.get(reverse("home_search"), {"q": "NGUYỄN văn"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Văn An" in html and "P-A1" in html and "Bình" not in html
    assert reverse("person:inspect", args=[found.people[0].pk]) in html


@pytest.mark.parametrize("query", ["a" * 101, "an\x00", "an\u202e", "   ", "a b c d e f g"])
def test_bad_searches_are_refused_with_a_message(tree, client, query):
    assert check_query(query.strip())
    client.force_login(UserFactory(unit=tree.commune_a, role=UserRole.GRASSROOTS_SECRETARY))
    response = client.get(reverse("home_search"), {"q": query})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("login", ["lanhdao.btc", "bientap.tanky"])
def test_portal_roles_get_no_people_search(demo, client, login):
    """The board's leader approving articles and a commune's editor read no people or units:
    their home offers no search box, and the search page refuses them."""
    from dangbo.accounts.models import User

    client.force_login(User.objects.get(username=login))
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert reverse("home_search") not in home.content.decode()
    refused = client.get(reverse("home_search"), {"q": "nguyen"})  # the admin's refusal
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    client.force_login(User.objects.get(username="btc.huyen"))
    assert reverse("home_search") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_search_needs_a_login(client):
    response = client.get(reverse("home_search"), {"q": "an"})
    assert response.status_code == 302


# --- a cold home: the page at once, the reviews in a second request -------------------------


def test_a_cold_home_is_sent_without_the_reviews_then_gets_them_apart(demo, client):
    from django.core.cache import cache

    client.force_login(User.objects.get(username="btc.huyen"))
    cache.clear()
    response = client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    # Sent before any review ran: the due work that needs none, placeholders for the rest.
    assert response.context["counts"] is None and response.context["findings"] is None
    assert 'data-controller="dangbo-fragment"' in html
    assert f'data-dangbo-fragment-url-value="{reverse("home_findings")}"' in html
    assert 'data-dangbo-slot="home-counts"' in html and 'data-dangbo-slot="home-news"' in html
    assert 'data-dangbo-slot="due-review-supervision"' in html
    assert "evaluations" in {g.key for g in response.context["due"]}
    assert 'href="/admin/?reviews=1"' in html  # without JavaScript: the whole home
    assert "Xem các phát hiện mới" in html
    # The fragment: counts, the due work from the supervision review, the findings.
    fragment = client.get(reverse("home_findings"))
    part = fragment.content.decode()
    assert fragment.status_code == 200 and "no-store" in fragment["Cache-Control"]
    assert "<html" not in part and "dangbo-home-panel" not in part
    for slot in ("home-counts", "home-news", "due-review-supervision"):
        assert f'data-dangbo-slot="{slot}"' in part
    assert 'data-count="members"' in part and 'data-review="none"' in part
    # Now kept: the next home is whole, with no fragment to ask for.
    warm = client.get("/admin/")
    assert "dangbo-fragment" not in warm.content.decode()
    counts = {c.key: c.number for c in warm.context["counts"]}
    assert {"units", "members", "over_two_terms"} <= set(counts)
    assert all(not g.deferred for g in warm.context["due"])
    # The same numbers as asked for with the page.
    cache.clear()
    whole = client.get("/admin/?reviews=1")
    assert {c.key: c.number for c in whole.context["counts"]} == counts
    assert "dangbo-fragment" not in whole.content.decode()


def test_the_fragment_needs_a_login(client):
    assert client.get(reverse("home_findings")).status_code == 302


def test_members_late_come_from_the_supervision_review_kept(tree, client):
    from django.core.cache import cache

    from dangbo.home.providers import members_late

    cache.clear()  # ids repeat from test to test: so would a scope's key
    office = UserFactory(unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)
    today = timezone.localdate()
    assert selectors.review_findings(office, "supervision", today, compute=False) is (
        selectors.NOT_KEPT
    )
    deferred = [g for g in selectors.due_work(office, today, reviews=False) if g.deferred]
    assert [g.key for g in deferred] == ["review-supervision"]
    assert dict(selectors.deferred_due(office, today)) == {
        "review-supervision": members_late(office, today)
    }
    # Run once (for the due work), kept for the findings.
    assert selectors.review_findings(office, "supervision", today, compute=False) is not (
        selectors.NOT_KEPT
    )
