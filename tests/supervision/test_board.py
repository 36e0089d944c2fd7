"""The standing committee's quarter board (issue 8 item 4; RULES §6): it agrees with the
supervision review, counts the 2016–2020 scheme, reads in a fixed number of queries, and
opens only for the standing committee and the office, within their reach."""

import re
from collections import Counter
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.models import User, UserRole
from dangbo.org.models import Unit
from dangbo.reviews.supervision import supervision_rows
from dangbo.rules import supervision as rules
from dangbo.supervision import selectors
from dangbo.supervision.models import SupervisionReport
from tests.factories import UserFactory
from tests.org.conftest import refused, text

BOARD = "/admin/supervision_board/"


def words(response) -> str:
    """What a reader sees: the page without its tags, styles and scripts."""
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", text(response), flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def review_statuses(user, period, as_of) -> dict[str, str]:
    return {
        r["person_code"]: r["status"]
        for r in supervision_rows(user=user, period=period, as_of=as_of)
    }


def board_statuses(board) -> dict[str, str]:
    return {line.person.code: line.status.status for line in board.lines}


@pytest.mark.parametrize(
    ("period", "as_of"),
    [
        ("2016Q1", date(2016, 3, 20)),  # before the due day: not due yet
        ("2017Q3", date(2017, 9, 30)),
        ("2019Q2", date(2019, 7, 10)),
        ("2020Q4", date(2021, 1, 31)),
        ("2018Q4", None),
    ],
)
def test_the_board_and_the_review_agree_on_the_demo(demo, period, as_of):
    for username in ("btv.huyen", "btc.huyen", "btc.tinhuy"):
        user = User.objects.get(username=username)
        day = as_of or timezone.localdate()
        board = selectors.quarter_board(user=user, period=period, as_of=day)
        review = review_statuses(user, period, day)
        assert review, (username, period)
        assert board_statuses(board) == review, (username, period)
        tally = board.members
        counted = Counter(review.values())
        assert (tally.on_time, tally.late, tally.missing, tally.not_due) == (
            counted["on_time"],
            counted["late"],
            counted["missing"],
            counted["not_due"],
        )
        assert board.rule == rules.rule_for(period, 25)


def test_the_scheme_2016_2020_is_counted_for_the_whole_stage(demo):
    user = User.objects.get(username="btv.huyen")
    board = selectors.quarter_board(user=user, period="2019Q1")
    assert board.stage == ("2016Q1", "2020Q4")
    total = board.stage_total
    # The demo's README: 210 reports, 203 on time, 7 late, and 2 quarters without a report.
    assert (total.required, total.on_time, total.late, total.missing, total.not_due) == (
        212,
        203,
        7,
        2,
        0,
    )
    assert SupervisionReport.objects.filter(period__startswith="20").count() >= 210
    members = {line.subject.code: line for line in board.stage_members}
    assert len(members) == 11
    assert sum(line.tally.required for line in members.values()) == 212
    dinh = members["P0034"]  # cuv.huyen: Giai Xuân 2016–2020, one late, one missing
    assert (dinh.tally.required, dinh.tally.late, dinh.tally.missing) == (20, 1, 1)
    assert [unit.code for unit in dinh.others] == ["X-GIAIXUAN"]
    units = {line.subject.code: line for line in board.stage_units}
    assert units["X-GIAIXUAN"].tally.required == 20
    assert units["X-NGHIADUNG"].tally.required == 18  # from 2016-07-01
    assert sum(line.tally.required for line in units.values()) == 212
    assert "2016–2020" in board.stage_rule


def test_a_committee_narrows_the_board_to_its_areas(demo):
    user = User.objects.get(username="btc.tinhuy")
    giai_xuan = Unit.objects.get(code="X-GIAIXUAN")
    board = selectors.quarter_board(user=user, period="2019Q1", unit=giai_xuan)
    assert [line.person.code for line in board.lines] == ["P0034"]
    assert board.stage_total.required == 20


def test_the_board_page_in_words_and_in_few_queries(demo, client, django_assert_max_num_queries):
    client.force_login(User.objects.get(username="btv.huyen"))
    client.get(BOARD)  # the first request warms the caches (settings, site)
    with django_assert_max_num_queries(25):
        response = client.get(BOARD, {"period": "2019Q1", "as_of": "31/12/2025"})
    assert response.status_code == 200
    page = words(response)
    assert "Quý 1/2019" in page
    assert "Ngô Văn Định" in page and "P0034" in page
    assert "212" in page  # the stage's reports due
    for code in ("on_time", "not_due", "missing"):
        assert code not in page
    # A second board with more quarters asks no more queries (no query per member or quarter).
    with django_assert_max_num_queries(25):
        client.get(BOARD, {"period": "2020Q4", "as_of": "31/12/2025"})


def test_the_board_defaults_to_the_last_quarter_with_assignments(demo, client):
    client.force_login(User.objects.get(username="btv.huyen"))
    response = client.get(BOARD)
    assert response.status_code == 200
    assert response.context["board"].period == "2020Q4"
    assert "Quý 4/2020" in text(response)


@pytest.mark.parametrize("username", ["cuv.huyen", "bithu.dongvan", "bdv.huyen", "ubkt.huyen"])
def test_only_the_standing_committee_and_the_office_open_the_board(demo, client, username):
    client.force_login(User.objects.get(username=username))
    assert refused(client.get(BOARD))


def test_bad_choices_are_told_in_vietnamese_and_show_nothing(demo, client):
    client.force_login(User.objects.get(username="btv.huyen"))
    outside = Unit.objects.get(code="BTC-TU")  # the province's board: out of the district's reach
    response = client.get(BOARD, {"period": "2019Q9", "unit": outside.pk, "as_of": "32/13/2019"})
    assert response.status_code == 200
    assert response.context["board"] is None
    form = response.context["form"]
    assert set(form.errors) == {"period", "unit", "as_of"}
    assert "lựa chọn hợp lệ" in " ".join(str(e) for e in form.errors["period"])


def test_a_standing_committee_of_one_commune_sees_only_its_area(demo, client):
    giai_xuan = Unit.objects.get(code="X-GIAIXUAN")
    user = UserFactory(username="btv.giaixuan", unit=giai_xuan, role=UserRole.STANDING_COMMITTEE)
    board = selectors.quarter_board(user=user, period="2019Q1")
    assert board_statuses(board) == review_statuses(user, "2019Q1", timezone.localdate())
    assert [line.person.code for line in board.lines] == ["P0034"]
    client.force_login(user)
    page = text(client.get(BOARD, {"period": "2019Q1"}))
    assert "Ngô Văn Định" in page and "Võ Hữu Việt" not in page


def test_the_menu_shows_the_board_to_those_who_open_it(demo, client):
    client.force_login(User.objects.get(username="btv.huyen"))
    assert BOARD in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(User.objects.get(username="cuv.huyen"))
    assert BOARD not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_deadline_is_explained_without_a_place_name():
    rule = rules.rule_for("2019Q1", 20)
    assert "ngày 20 tháng cuối quý" in rule and "Tân Kỳ" not in rule
    assert rules.scheme_stage("2021Q1") == ("2021Q1", "2025Q4")
    assert rules.periods_between("2019Q4", "2020Q1") == ["2019Q4", "2020Q1"]
