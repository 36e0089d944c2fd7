"""The review screens speak words: labels for codes, people and units by name (issue 8)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from dangbo.accounts.models import User
from dangbo.assessment.models import Assessment
from dangbo.people.models import Person
from dangbo.ratings.models import Rating
from dangbo.rotation.models import Rotation

# The codes a person should never read in a review table's body.
CODE_WORDS = (
    "khien_trach",
    "canh_cao",
    "cach_chuc",
    "too_short",
    "too_close_to_retirement",
    "quota_exceeded",
    "no_lead_helper",
    "mismatch",
    "on_time",
    "not_due",
    "missing",
    "xuat_sac",
    "approaching",
    ">head<",
    ">person<",
    ">unit<",
)


@pytest.fixture
def office(demo, as_user):
    """The district's Organization Board, the demo's own login."""
    return as_user(User.objects.get(username="btc.huyen"))


def table_body(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    # The review's own table (its chart's table of figures is beside it).
    pattern = r'<table class="listing dangbo-review">.*?<tbody>(.*?)</tbody>'
    [body] = re.findall(pattern, html, flags=re.S)
    return body


def assert_words_not_codes(body: str):
    for code in CODE_WORDS:
        assert code not in body, code


def review(client, name, **params):
    return table_body(client.get(reverse("reviews_review", args=[name]), params))


def test_discipline_shows_the_form_and_the_subject_by_name(office):
    body = review(office, "discipline", as_of="31/12/2020")
    person = Person.objects.get(code="P0185")
    assert "Khiển trách" in body and "Cảnh cáo" in body
    assert person.full_name in body
    assert '<span class="dangbo-code">P0185</span>' in body
    assert reverse("person:inspect", args=[person.pk]) in body
    assert "15/08/2017" in body
    assert_words_not_codes(body)


def test_supervision_shows_the_status_and_the_member_by_name(office):
    body = review(office, "supervision", period="2019Q1", as_of="30/04/2019")
    assert "Đúng hạn" in body
    assert Person.objects.get(code="P0004").full_name in body
    assert "25/03/2019" in body
    assert_words_not_codes(body)


def test_rotations_show_the_finding_and_the_person_by_name(office):
    person = Person.objects.get(code="P0185")
    Rotation.objects.create(
        code="LC-WORDS",
        person=person,
        to_unit=person.unit,
        to_role="head",
        start_date=date(2025, 1, 1),
        planned_months=24,
    )
    body = review(office, "rotations")
    assert "Thời gian luân chuyển dự kiến dưới 36 tháng" in body
    assert person.full_name in body and "LC-WORDS" in body
    assert_words_not_codes(body)


def test_assistance_shows_the_finding_and_the_unit_by_name(office):
    assessment = Assessment.objects.filter(level="good").order_by("year", "unit__code").first()
    assessment.level = "weak"
    assessment.save()
    body = review(office, "assistance", year=str(assessment.year))
    assert "Không có cơ quan chủ trì giúp đỡ vào ngày 31/3 năm sau" in body
    assert assessment.unit.name in body
    assert f'<span class="dangbo-code">{assessment.unit.code}</span>' in body
    assert_words_not_codes(body)


def test_ratings_show_the_finding_and_the_subject_by_name(office):
    rated = Rating.objects.filter(year=2018, subject_kind="person").select_related("person")
    rated.update(level="xuat_sac", score=None)
    body = review(office, "ratings", year="2018")
    assert "vượt quá tỷ lệ cho phép" in body
    # Disciplined in 2018 (KL-2018-01) but rated excellent: the finding names the person.
    assert "Lô Bá Thắng" in body and '<span class="dangbo-code">P0188</span>' in body
    assert "Đảng viên" in body
    assert_words_not_codes(body)


def test_tenure_shows_the_role_status_and_names(office):
    response = office.get(reverse("reviews_tenure"), {"as_of": "30/06/2020"})
    body = table_body(response)
    assert "Cao Quang Vinh" in body and "Ban Tổ chức Huyện ủy Tân Kỳ" in body
    assert '<span class="dangbo-code">P0012</span>' in body
    assert "Cấp trưởng" in body and "quá 2 nhiệm kỳ" in body
    assert_words_not_codes(body)


def test_the_download_has_the_words_and_the_codes(office):
    response = office.get(
        reverse("reviews_review", args=["discipline"]), {"as_of": "31/12/2020", "export": "csv"}
    )
    text = response.content.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert "Đối tượng (mã)" in header
    assert "P0185" in first and Person.objects.get(code="P0185").full_name in first
    assert "Khiển trách" in first and "khien_trach" not in text


def test_the_json_keeps_the_codes(demo):
    """`dangbo review --json` is a public interface (INTERCHANGE.md): codes, not words."""
    import json
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("review", "discipline", "--as-of", "2020-12-31", "--json", stdout=out)
    first = json.loads(out.getvalue())[0]
    assert first["form"] == "khien_trach" and first["subject_code"] == "P0185"
    assert set(first) == {
        "case_code",
        "time_barred",
        "expires_on",
        "in_force",
        "promotion_bar_until",
        "complaint_late",
        "rule",
        "ended_on",
        "limitation_until",
        "subject_kind",
        "subject_code",
        "form",
    }
