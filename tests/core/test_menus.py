"""Each demo login's menu is what docs/roles.md's matrix lets it see (issue 8, item 2).

The menu is read as Wagtail renders it (the sidebar's JSON, as the crawl reads it); what it
should hold is computed from `policy.matrix()` (the table docs/roles.md shows) and the
review registry's `reads`, for the login's roles. A screen missing from the menu answers
403/404 when its address is typed.
"""

import pytest
from django.apps import apps
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from dangbo.accounts.models import User, UserRole
from dangbo.demo.users import DEMO_LOGINS
from dangbo.interchange.services import may_import
from dangbo.org.policy import POLICIES, VIEW, matrix
from dangbo.reviews.registry import REVIEWS
from dangbo.reviews.wagtail_hooks import _url as review_url
from dangbo.supervision.permissions import report_policy
from dangbo.supervision.views import shows_my_work
from tests.core.sidebar import menu_entries

# Screens of records that are not a model's viewset: the kind of record they show.
SCREENS = {
    "/admin/unit_tree/": "org.Unit",
    "/admin/discipline_lists/": "discipline.DisciplineCase",
    "/admin/weak_units/": "assessment.Assessment",
}
# Wagtail's portal: pages, images and documents, for the editor (and the operator).
PORTAL = {"/admin/pages/", "/admin/images/", "/admin/documents/"}
# Entries that are no kind of record: the help menu (keyboard shortcuts, the guides).
NOT_RECORDS = {"#"}
GUIDES = "/admin/guide/"


def records_screens() -> dict[str, tuple[str, ...]]:
    """Menu URL -> the model labels the screen shows, for every screen of party records."""
    governed = {p.model for p in POLICIES}
    screens = {url: (label,) for url, label in SCREENS.items()}
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet) and viewset.model in governed:
            screens[viewset.menu_url] = (viewset.model._meta.label,)
    for review in REVIEWS.values():
        screens[review_url(review.name)] = review.reads
    return screens


def expected_records(roles) -> set[str]:
    table = dict(matrix())
    viewable = {label for label, by_role in table.items() if any(VIEW in by_role[r] for r in roles)}
    return {url for url, reads in records_screens().items() if set(reads) <= viewable}


def menu_of(client, user) -> set[str]:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return {entry[-1] for entry in menu_entries(response.content.decode())}


@pytest.mark.parametrize("login", DEMO_LOGINS, ids=lambda login: login.username)
def test_the_menu_is_the_matrix(demo, client, rf, login):
    user = User.objects.get(username=login.username)
    menu = menu_of(client, user)
    screens = records_screens()
    if not login.grants:  # the operator sees every screen
        assert set(screens) | PORTAL <= menu
        return
    roles = {role for role, _unit in login.grants}
    assert menu & set(screens) == expected_records(roles)
    request = rf.get("/admin/")
    request.user = user
    extras = {"/admin/interchange/import/"} if may_import(user) else set()
    if shows_my_work(request):
        extras.add("/admin/my-work/")
    if report_policy.may_see_board(user):
        extras.add("/admin/supervision_board/")
    extras.add("/admin/notices/")  # every login's own notices (dangbo.notices)
    guides = {url for url in menu if url.startswith(GUIDES)}
    # The portal's roles (editor, approver) work with Wagtail's pages, images and documents.
    portal_roles = {UserRole.EDITOR, UserRole.PORTAL_APPROVER}
    portal = PORTAL if roles & portal_roles else set()
    reports = {url for url in menu if url.startswith("/admin/reports/")}
    if not roles & portal_roles:
        assert not reports, "Wagtail's reports are the portal's, not a party role's"
    unknown = menu - set(screens) - extras - portal - reports - guides - NOT_RECORDS
    assert unknown == set(), f"entries no rule explains: {unknown}"
    assert portal <= menu
    assert extras <= menu


@pytest.mark.parametrize(
    "username", ["bdv.huyen", "btc.tinh", "cuv.huyen", "ubkt.huyen", "lanhdao.btc", "bientap.tanky"]
)
def test_a_screen_missing_from_the_menu_does_not_open(demo, client, username):
    user = User.objects.get(username=username)
    menu = menu_of(client, user)
    hidden = set(records_screens()) - menu
    assert hidden
    for url in sorted(hidden):
        response = client.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)


def test_a_record_out_of_the_roles_view_does_not_open(demo, client):
    """The helper body reaches units where cases were decided, but not the cases."""
    from dangbo.discipline.models import DisciplineCase
    from dangbo.discipline.permissions import case_policy

    helper = User.objects.get(username="bdv.huyen")
    assert not case_policy.visible(helper).exists()
    client.force_login(helper)
    case = DisciplineCase.objects.first()
    for url in (
        f"/admin/discipline_case/inspect/{case.pk}/",
        f"/admin/discipline_case/edit/{case.pk}/",
        "/admin/discipline_case/?export=csv",
        "/admin/reviews/discipline/?as_of=2024-12-31&export=csv",
    ):
        assert client.get(url).status_code in (403, 404), url


def test_a_policy_without_view_for_a_role_returns_nothing(demo):
    for username in ("btc.tinh", "bdv.huyen", "cuv.huyen", "lanhdao.btc", "bientap.tanky"):
        user = User.objects.get(username=username)
        roles = {grant.role for grant in user.grants.all()}
        for label, by_role in matrix():
            if not any(VIEW in by_role[r] for r in roles):
                policy = next(p for p in POLICIES if p.model._meta.label == label)
                assert not policy.visible(user).exists(), (username, label)
                assert not policy.may(user, VIEW)
    assert apps.get_model("org.Unit")
