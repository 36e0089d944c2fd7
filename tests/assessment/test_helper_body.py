"""A helper body's day (issue 8 item 7): the button on the helped unit's page, the helped
unit's ratings and surveys in reach, nothing of discipline, nothing of another helper's."""

from dangbo.accounts.models import User
from dangbo.assessment.models import Assistance, AssistanceProgress
from dangbo.discipline.permissions import case_policy
from dangbo.org.models import Unit
from dangbo.ratings.models import Rating
from dangbo.ratings.permissions import rating_policy


def helper(client):
    user = User.objects.get(username="bdv.huyen")
    client.force_login(user)
    return user


def test_the_unit_page_has_the_record_progress_button(demo, client):
    helper(client)
    unit = Unit.objects.get(code="X-HUONGSON")
    help_given = Assistance.objects.get(unit=unit, helper__code="BDV-HU")
    page = client.get(f"/admin/unit/inspect/{unit.pk}/").content.decode()
    assert "Ghi kết quả giúp đỡ" in page
    assert f"/admin/assistance/progress/{help_given.pk}/" in page
    # and on the help's own page
    page = client.get(f"/admin/assistance/inspect/{help_given.pk}/").content.decode()
    assert "Ghi kết quả giúp đỡ" in page


def test_no_button_on_a_unit_it_does_not_help(demo, client):
    user = helper(client)
    other = Assistance.objects.exclude(helper__code="BDV-HU").first()
    assert not Assistance.objects.filter(unit=other.unit, helper__code="BDV-HU").exists()
    response = client.get(f"/admin/unit/inspect/{other.unit.pk}/")
    assert "Ghi kết quả giúp đỡ" not in response.content.decode()
    assert user  # the unit may be out of reach (404) or shown without the button


def test_the_helper_reads_the_ratings_of_the_units_it_helps_and_no_case(demo):
    user = User.objects.get(username="bdv.huyen")
    helped = set(Assistance.objects.filter(helper__code="BDV-HU").values_list("unit", flat=True))
    ratings = rating_policy.visible(user)
    assert ratings.filter(unit__in=helped).exists()
    assert set(ratings.values_list("unit", flat=True)) <= helped | {
        Unit.objects.get(code="BDV-HU").pk
    } | set(Unit.objects.filter(parent__in=helped).values_list("pk", flat=True)) | set(
        Rating.objects.filter(unit__parent__parent__in=helped).values_list("unit", flat=True)
    )
    assert not case_policy.visible(user).exists()


def test_the_helper_records_progress_and_a_crafted_post_for_another_help_writes_nothing(
    demo, client
):
    helper(client)
    mine = Assistance.objects.get(unit__code="X-HUONGSON", helper__code="BDV-HU")
    response = client.post(
        f"/admin/assistance/progress/{mine.pk}/", {"year": "2019", "note": "Đã củng cố Mặt trận."}
    )
    assert response.status_code == 302
    assert AssistanceProgress.objects.get(assistance=mine, year=2019).note == "Đã củng cố Mặt trận."

    others = Assistance.objects.exclude(helper__code="BDV-HU").first()
    before = AssistanceProgress.objects.count()
    response = client.post(
        f"/admin/assistance/progress/{others.pk}/", {"year": "2019", "note": "Giả mạo."}
    )
    assert response.status_code in (403, 404)
    assert AssistanceProgress.objects.count() == before

    response = client.post(f"/admin/assistance/progress/{mine.pk}/", {"year": "2019", "note": " "})
    assert response.status_code == 200  # the form again, with its message
    assert AssistanceProgress.objects.get(assistance=mine, year=2019).note == "Đã củng cố Mặt trận."
