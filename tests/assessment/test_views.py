"""Survey and help screens: scoped by the tree; helper bodies note their own progress."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from dangbo.accounts.models import UserRole
from dangbo.assessment.models import Assessment, Assistance, AssistanceProgress
from dangbo.core import audit
from dangbo.org.models import UnitKind
from tests.factories import UnitFactory, UserFactory
from tests.org.conftest import refused, text


@pytest.fixture
def board(tree):
    return UnitFactory(
        code="BTG", name="Ban Tuyên giáo Huyện ủy", kind=UnitKind.BOARD, parent=tree.district
    )


@pytest.fixture
def helper_user(board):
    return UserFactory(username="btg", unit=board, role=UserRole.HELPER_BODY)


@pytest.fixture
def help_a(tree, board):
    return Assistance.objects.create(
        unit=tree.commune_a, helper=board, role="lead", start_date=date(2016, 4, 1)
    )


@pytest.fixture
def help_b(tree, board):
    return Assistance.objects.create(
        unit=tree.commune_b, helper=board, role="lead", start_date=date(2016, 4, 1)
    )


@pytest.fixture
def survey_b(tree):
    return Assessment.objects.create(year=2015, unit=tree.commune_b, score=40, level="weak")


# --- another commune's records are out of reach ---------------------------------------------


def test_lists_leave_out_another_commune(as_user, office_a, tree, survey_b, help_b):
    mine = Assessment.objects.create(year=2015, unit=tree.commune_a, score=80, level="good")
    client = as_user(office_a)
    assert list(client.get(reverse("assessment:index")).context["object_list"]) == [mine]
    assert list(client.get(reverse("assistance:index")).context["object_list"]) == []


@pytest.mark.parametrize("view", ["inspect", "edit", "history"])
def test_guessing_another_communes_survey_url_is_not_found(as_user, office_a, survey_b, view):
    response = as_user(office_a).get(reverse(f"assessment:{view}", args=[survey_b.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("view", ["inspect", "history", "end", "progress"])
def test_guessing_another_communes_help_url_is_not_found(as_user, office_a, help_b, view):
    response = as_user(office_a).get(reverse(f"assistance:{view}", args=[help_b.pk]))
    assert response.status_code == 404


def test_posting_to_another_communes_records_changes_nothing(as_user, office_a, survey_b, help_b):
    client = as_user(office_a)
    edit = client.post(reverse("assessment:edit", args=[survey_b.pk]), {"score": "90"})
    end = client.post(reverse("assistance:end", args=[help_b.pk]), {"end_date": "01/01/2020"})
    note = client.post(
        reverse("assistance:progress", args=[help_b.pk]), {"year": "2017", "note": "Bị đổi"}
    )
    assert {edit.status_code, end.status_code, note.status_code} == {404}
    survey_b.refresh_from_db()
    help_b.refresh_from_db()
    assert survey_b.score == 40 and help_b.end_date is None
    assert not AssistanceProgress.objects.exists() and not ModelLogEntry.objects.exists()


def test_nothing_is_deleted():
    for name in ["assessment:delete", "assistance:delete", "assistance:edit"]:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


@pytest.mark.parametrize("url", ["assessment:add", "assistance:add"])
def test_readers_cannot_add(as_user, secretary_a, url):
    assert refused(as_user(secretary_a).get(reverse(url)))


def test_secretary_cannot_note_progress(as_user, secretary_a, help_a):
    client = as_user(secretary_a)
    assert client.get(reverse("assistance:inspect", args=[help_a.pk])).status_code == 200
    assert refused(client.get(reverse("assistance:progress", args=[help_a.pk])))
    response = client.post(
        reverse("assistance:progress", args=[help_a.pk]), {"year": "2017", "note": "x"}
    )
    assert response.status_code in (302, 403) and not AssistanceProgress.objects.exists()


# --- recording ------------------------------------------------------------------------------


def test_office_records_a_survey_and_the_level_follows(as_user, office_a, tree):
    client = as_user(office_a)
    response = client.post(
        reverse("assessment:add"), {"year": "2015", "unit": tree.commune_a.pk, "score": "42.5"}
    )
    survey = Assessment.objects.get()
    assert response["Location"] == reverse("assessment:inspect", args=[survey.pk])
    assert survey.level == "weak"
    page = text(client.get(response["Location"]))
    assert "no_lead_helper" in page and "31/03/2016" in page
    client.post(
        reverse("assessment:edit", args=[survey.pk]),
        {"score": "80", "record_version": audit.fingerprint(survey)},
    )
    survey.refresh_from_db()
    assert survey.score == Decimal(80) and survey.level == "good"


def test_district_office_assigns_a_board_to_help(as_user, office_district, tree, board):
    response = as_user(office_district).post(
        reverse("assistance:add"),
        {
            "unit": tree.commune_a.pk,
            "helper": board.pk,
            "role": "lead",
            "start_date": "01/04/2016",
            "plan": "Giúp củng cố chi bộ",
        },
    )
    assert response.status_code == 302
    assert Assistance.objects.get().start_date == date(2016, 4, 1)


def test_helper_body_notes_progress_for_the_unit_it_helps(as_user, helper_user, help_a, help_b):
    client = as_user(helper_user)
    listed = client.get(reverse("assistance:index")).context["object_list"]
    assert set(listed) == {help_a, help_b}  # the units assigned to it
    assert refused(client.get(reverse("assistance:add")))
    response = client.post(
        reverse("assistance:progress", args=[help_a.pk]),
        {"year": "2017", "note": "Đã tổ chức 4 buổi sinh hoạt mẫu"},
    )
    assert response["Location"] == reverse("assistance:inspect", args=[help_a.pk])
    page = text(client.get(response["Location"]))
    assert "Đã tổ chức 4 buổi sinh hoạt mẫu" in page
    # A note for a year before the help began is refused on its field.
    early = client.post(
        reverse("assistance:progress", args=[help_a.pk]), {"year": "2015", "note": "Sớm"}
    )
    assert "bắt đầu sau năm này" in str(early.context["form"].errors["year"])
    # It is a helper, not the keeper: it does not end the help.
    assert refused(client.get(reverse("assistance:end", args=[help_a.pk])))
