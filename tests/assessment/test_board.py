"""The weak-units board on the Tân Kỳ demo: the article's nine communes and nine bodies, in a
fixed number of queries, scoped by the user."""

import pytest
from django.urls import reverse

from dangbo.accounts.models import User
from dangbo.assessment import selectors
from dangbo.rotation.models import RotationPlan
from tests.org.conftest import refused, text

COMMUNES = [
    "Đồng Văn",
    "Tiên Kỳ",
    "Phú Sơn",
    "Hương Sơn",
    "Tân Xuân",
    "Tân Hợp",
    "Tân Hương",
    "Nghĩa Dũng",
    "Nghĩa Hợp",
]
BODIES = [
    "Ban Tổ chức Huyện ủy",
    "Ban Tuyên giáo Huyện ủy",
    "Ban Dân vận Huyện ủy",
    "Ủy ban Kiểm tra Huyện ủy",
    "Thường trực HĐND huyện",
    "Công an huyện",
    "Ban Chỉ huy Quân sự huyện",
    "Ủy ban MTTQ Việt Nam huyện",
    "Phòng Nội vụ huyện",
]


def login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def test_the_board_of_2016_holds_the_articles_communes_and_bodies(
    demo, django_assert_max_num_queries
):
    user = User.objects.get(username="btc.huyen")
    assert selectors.survey_years_with_weak_units(user=user) == [2016]
    with django_assert_max_num_queries(5):
        cards = selectors.weak_unit_board(user=user, year=2016)
        leads = [h.helper.name for c in cards for h in c.lead]
        notes = [n for c in cards for _, ns in c.progress for n in ns]
        [n.assistance.helper.name for n in notes]
        later = [(r.year, r.get_level_display()) for c in cards for r in c.later_ratings]
    names = [c.unit.name for c in cards]
    assert len(cards) == 9
    assert all(any(commune in name for name in names) for commune in COMMUNES)
    assert len(leads) == 9 and all(any(body in lead for lead in leads) for body in BODIES)
    assert all(c.support and c.plan and not c.findings for c in cards)
    assert len(notes) == 27 and later
    rated_2018 = {c.unit.name: r.level for c in cards for r in c.later_ratings if r.year == 2018}
    excellent = {name for name, level in rated_2018.items() if level == "xuat_sac"}
    assert excellent == {"Đảng bộ xã Đồng Văn", "Đảng bộ xã Tân Xuân"}


def test_the_board_page_in_words_and_bounded_queries(demo, client, django_assert_max_num_queries):
    login(client, "btc.huyen")
    url = reverse("weak_units:index")
    with django_assert_max_num_queries(30):
        response = client.get(url + "?year=2016")
    page = text(response)
    assert response.status_code == 200
    for commune in COMMUNES:
        assert commune in page
    for body in BODIES:
        assert body in page
    assert "Hoàn thành xuất sắc nhiệm vụ" in page and "Yếu" in page
    assert "xuat_sac" not in page and "hoan_thanh" not in page and ">lead<" not in page
    assert reverse("assistance:inspect", args=[1]).rsplit("/", 2)[0] in page  # names linked


def test_the_board_is_scoped(demo, client):
    login(client, "bithu.dongvan")
    page = text(client.get(reverse("weak_units:index")))
    assert "Đồng Văn" in page and "Tiên Kỳ" not in page


def test_a_year_without_weak_units_is_said_so(demo, client):
    login(client, "btc.huyen")
    response = client.get(reverse("weak_units:index") + "?year=2019")
    assert response.status_code == 200
    assert "Khảo sát năm 2019 không có đơn vị yếu" in text(response)
    response = client.get(reverse("weak_units:index") + "?year=abc")
    assert response.status_code == 200


def test_the_portal_editor_has_no_board(demo, client):
    login(client, "btc.tinh")
    response = client.get(reverse("weak_units:index"))
    assert refused(response) or "Tiên Kỳ" not in text(response)


def test_the_demo_plan_shows_six_cadres_three_and_three(demo, client):
    plan = RotationPlan.objects.get(code="KH-LC-2016-2020")
    assert (plan.kind, plan.start_year, plan.end_year) == ("term", 2016, 2020)
    login(client, "btc.huyen")
    page = text(client.get(reverse("rotation_plan:inspect", args=[plan.pk])))
    assert "6 cán bộ" in page
    assert "3 bí thư đảng ủy, 3 chủ tịch UBND" in page


@pytest.mark.parametrize("username", ["btv.huyen"])
def test_the_standing_committee_may_approve_the_demo_plan(demo, client, username):
    plan = RotationPlan.objects.get(code="KH-LC-2016-2020")
    login(client, username)
    page = text(client.get(reverse("rotation_plan:inspect", args=[plan.pk])))
    assert reverse("rotation_plan:approve", args=[plan.pk]) in page
