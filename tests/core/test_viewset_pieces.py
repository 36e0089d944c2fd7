"""The declarative viewset pieces (dangbo/core/views): the subtree unit filter, the
open/closed filter, the scoped action view (a service declared on it, its buttons) and the
stage action view, as the apps use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.admin.widgets.button import ButtonWithDropdown

from dangbo.accounts.models import UserRole
from dangbo.assessment.models import Assistance
from dangbo.core import audit, views
from dangbo.org.models import Unit, UnitKind
from dangbo.org.policy import policy_for
from dangbo.org.views import UnitEndView
from dangbo.people.models import Position
from dangbo.ratings import services as ratings_services
from dangbo.ratings.models import RatingRound, RoundStatus
from dangbo.ratings.views import RoundApproveView, RoundSendBackView, RoundSubmitView
from dangbo.rotation.models import PlanStatus, RotationPlan
from dangbo.rotation.views import PlanApproveView, PlanSendBackView
from dangbo.supervision import services as supervision_services
from dangbo.supervision.views import AssignmentEndView
from tests.factories import PersonFactory, PositionFactory, UnitFactory, UserFactory

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
    "StageActionView",
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


# --- a service declared on the action, a stage action, header buttons -----------------------


@pytest.fixture
def standing_a(tree):
    return UserFactory(username="btv_a", unit=tree.commune_a, role=UserRole.STANDING_COMMITTEE)


def header_urls(response) -> tuple[set, set]:
    """The URLs of the header's own buttons, and of those under its "More" menu."""
    own, more = set(), set()
    for button in response.context["header_buttons"]:
        if isinstance(button, ButtonWithDropdown):
            more |= {b.url for b in button.dropdown_buttons}
        else:
            own.add(button.url)
    return own, more


def test_a_declared_service_is_the_apps_function_not_a_method():
    # Named on the class, the service is called as the app wrote it (actor=, <record_arg>=…).
    assert RoundSendBackView.service is ratings_services.round_send_back
    assert AssignmentEndView.service is supervision_services.assignment_end
    assert RoundSendBackView.record_arg == "round_"


def test_a_stage_action_applies_only_from_its_stages(tree):
    round_ = RatingRound(year=2019, unit=tree.commune_a, status=RoundStatus.DRAFT)
    assert RoundSubmitView.applies_to(round_)
    assert not RoundApproveView.applies_to(round_) and not RoundSendBackView.applies_to(round_)
    round_.status = RoundStatus.SUBMITTED
    assert not RoundSubmitView.applies_to(round_)
    assert RoundApproveView.applies_to(round_) and RoundSendBackView.applies_to(round_)
    # No stage named: from any stage (a plan is sent back whether approved or not).
    plan = RotationPlan(code="KH", name="KH", unit=tree.commune_a, status=PlanStatus.APPROVED)
    assert PlanSendBackView.applies_to(plan) and not PlanApproveView.applies_to(plan)


def test_a_stage_page_opened_at_another_stage_says_the_stage(as_user, standing_a, tree):
    round_ = RatingRound.objects.create(year=2019, unit=tree.commune_a)
    response = as_user(standing_a).get(
        reverse("rating_round:approve", args=[round_.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("rating_round:inspect", args=[round_.pk])
    said = [str(m) for m in response.context["messages"]]
    with translation.override("vi"):
        status = str(round_.get_status_display())
    assert any("Bước này không thực hiện được" in m and status in m for m in said)


def test_a_stage_action_posts_its_fields_and_version_to_the_service(as_user, standing_a, tree):
    round_ = RatingRound.objects.create(year=2019, unit=tree.commune_a, status="submitted")
    client = as_user(standing_a)
    url = reverse("rating_round:send_back", args=[round_.pk])
    assert url.endswith(f"/send-back/{round_.pk}/")  # its url_path, under its URL name
    stale = client.post(url, {"reason": "Xem lại", "record_version": "stale"})
    assert stale.status_code == 200 and "Người khác đã thay đổi" in page(stale)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.SUBMITTED
    done = client.post(
        url, {"reason": "Xem lại nhóm", "record_version": audit.fingerprint(round_)}, follow=True
    )
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT and round_.returned_reason == "Xem lại nhóm"
    assert audit.history(round_).filter(action=audit.UPDATE).count() == 1
    assert any("trả lại" in str(m).lower() for m in done.context["messages"])


def test_header_actions_stand_beside_edit_the_others_under_more(
    as_user, office_a, standing_a, tree
):
    round_ = RatingRound.objects.create(year=2019, unit=tree.commune_a)
    own, more = header_urls(
        as_user(office_a).get(reverse("rating_round:inspect", args=[round_.pk]))
    )
    assert reverse("rating_round:submit", args=[round_.pk]) in own
    # The standing committee decides a submitted round; the draft offers it nothing.
    own, more = header_urls(
        as_user(standing_a).get(reverse("rating_round:inspect", args=[round_.pk]))
    )
    assert not {u for u in own | more if "/approve/" in u or "/send-back/" in u}
    plan = RotationPlan.objects.create(code="KH-A", name="Kế hoạch", unit=tree.commune_a)
    own, more = header_urls(
        as_user(standing_a).get(reverse("rotation_plan:inspect", args=[plan.pk]))
    )
    assert reverse("rotation_plan:approve", args=[plan.pk]) in more
    assert reverse("rotation_plan:send_back", args=[plan.pk]) in more
    assert not own & more


def test_an_action_without_version_gives_its_service_none(as_user, office_a, tree):
    # The progress note's service takes no version: a post without one is not refused.
    board = UnitFactory(code="BTG", name="Ban giúp đỡ", kind=UnitKind.BOARD, parent=tree.district)
    help_a = Assistance.objects.create(
        unit=tree.commune_a, helper=board, role="lead", start_date=datetime.date(2016, 4, 1)
    )
    response = as_user(office_a).post(
        reverse("assistance:progress", args=[help_a.pk]), {"year": "2017", "note": "Đã củng cố"}
    )
    assert response.status_code == 302
    assert help_a.progress.get().note == "Đã củng cố"
