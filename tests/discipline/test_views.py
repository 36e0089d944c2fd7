"""Discipline screens: kept by the inspection commission, reviewed by the rules, lists generated."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.discipline.models import DisciplineCase
from tests.factories import UserFactory
from tests.org.conftest import refused, text


@pytest.fixture
def inspection_a(tree):
    return UserFactory(username="ubkt_a", unit=tree.commune_a, role=UserRole.INSPECTION)


@pytest.fixture
def inspection_district(tree):
    return UserFactory(username="ubkt_hu", unit=tree.district, role=UserRole.INSPECTION)


def make_case(person, code, announced, **kw):
    values = {
        "code": code,
        "subject_kind": "person",
        "person": person,
        "unit": person.unit,
        "violation_date": date(announced.year - 1, 10, 1),
        "form": "khien_trach",
        "decided_date": announced,
        "announced_date": announced,
    }
    values.update(kw)
    return DisciplineCase.objects.create(**values)


@pytest.fixture
def case_b(person_b):
    return make_case(person_b, "KL-B", date(2024, 3, 1))


def case_data(person, **overrides):
    data = {
        "code": "KL-A2",
        "subject_kind": "person",
        "person": person.pk,
        "unit": "",
        "violation_date": "01/10/2024",
        "form": "canh_cao",
        "category": "ordinary",
        "ideological_work_date": "05/01/2025",
        "ideological_work_note": "Đã gặp gỡ, đồng chí nhận khuyết điểm.",
        "decided_date": "10/01/2025",
        "decided_by": "Ủy ban Kiểm tra Đảng ủy xã",
        "announced_date": "15/01/2025",
        "complaint_date": "",
        "complaint_resolved_date": "",
        "complaint_outcome": "",
        "summary": "",
    }
    data.update(overrides)
    return data


# --- another commune's cases are out of reach ----------------------------------------------


def test_list_leaves_out_another_commune(as_user, inspection_a, person_a, case_b):
    mine = make_case(person_a, "KL-A", date(2024, 3, 1))
    response = as_user(inspection_a).get(reverse("discipline_case:index"))
    assert list(response.context["object_list"]) == [mine]
    assert "Đặng Thị Bình" not in text(response)


@pytest.mark.parametrize("view", ["inspect", "edit", "history"])
def test_guessing_another_communes_case_url_is_not_found(as_user, inspection_a, case_b, view):
    response = as_user(inspection_a).get(reverse(f"discipline_case:{view}", args=[case_b.pk]))
    assert response.status_code == 404


def test_posting_to_another_communes_case_changes_nothing(as_user, inspection_a, case_b):
    response = as_user(inspection_a).post(
        reverse("discipline_case:edit", args=[case_b.pk]),
        case_data(case_b.person, code="KL-B", form="canh_cao"),
    )
    assert response.status_code == 404
    case_b.refresh_from_db()
    assert case_b.form == "khien_trach" and not ModelLogEntry.objects.exists()


def test_cases_are_never_deleted():
    with pytest.raises(NoReverseMatch):
        reverse("discipline_case:delete", args=[1])


@pytest.mark.parametrize("reader", ["office_a", "secretary_a"])
def test_only_the_inspection_commission_keeps_cases(request, as_user, person_a, reader):
    case = make_case(person_a, "KL-A", date(2024, 3, 1))
    client = as_user(request.getfixturevalue(reader))
    assert client.get(reverse("discipline_case:inspect", args=[case.pk])).status_code == 200
    assert refused(client.get(reverse("discipline_case:add")))
    assert refused(client.get(reverse("discipline_case:edit", args=[case.pk])))
    client.post(reverse("discipline_case:add"), case_data(person_a))
    assert DisciplineCase.objects.count() == 1


# --- recording and the review --------------------------------------------------------------


def test_inspection_opens_a_case_with_the_ideological_work(as_user, inspection_a, person_a):
    client = as_user(inspection_a)
    # The opening form has no decision: decision fields posted anyway are not recorded.
    response = client.post(reverse("discipline_case:add"), case_data(person_a))
    case = DisciplineCase.objects.get(code="KL-A2")
    assert response["Location"] == reverse("discipline_case:inspect", args=[case.pk])
    assert case.unit == person_a.unit and case.ideological_work_date == date(2025, 1, 5)
    assert (case.form, case.decided_date, case.announced_date) == ("", None, None)
    page = text(client.get(response["Location"]))
    assert "Đã gặp gỡ" in page and "05/01/2025" in page
    # Until the decision, the limitation deadline by each form (69-QĐ/TW).
    assert "01/10/2029" in page and "01/10/2034" in page and "69-QĐ/TW" in page


def test_bad_input_is_shown_on_its_field(as_user, inspection_a, person_a):
    case = make_case(person_a, "KL-A", date(2025, 1, 10))
    response = as_user(inspection_a).post(
        reverse("discipline_case:edit", args=[case.pk]),
        case_data(
            person_a,
            code="KL-A",
            decided_date="10/01/2025",
            announced_date="01/01/2025",
            record_version=audit.fingerprint(case),
        ),
    )
    assert "Ngày công bố trước ngày quyết định" in str(
        response.context["form"].errors["announced_date"]
    )
    case.refresh_from_db()
    assert case.announced_date == date(2025, 1, 10)


def test_a_late_complaint_is_flagged(as_user, inspection_a, person_a):
    client = as_user(inspection_a)
    case = make_case(person_a, "KL-A", date(2024, 3, 1))
    response = client.post(
        reverse("discipline_case:edit", args=[case.pk]),
        case_data(
            person_a,
            code="KL-A",
            form="khien_trach",
            violation_date="01/10/2023",
            decided_date="01/03/2024",
            announced_date="01/03/2024",
            complaint_date="15/04/2024",
            record_version=audit.fingerprint(case),
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.complaint_date == date(2024, 4, 15)
    page = text(client.get(reverse("discipline_case:inspect", args=[case.pk])))
    assert "Khiếu nại quá hạn" in page and "Điều lệ Đảng" in page


# --- the published lists -------------------------------------------------------------------


@pytest.fixture
def announced(tree, person_a):
    for code, day in [
        ("KL-1", date(2024, 2, 1)),
        ("KL-2", date(2024, 6, 30)),
        ("KL-3", date(2024, 7, 1)),
        ("KL-0", date(2023, 12, 31)),
    ]:
        make_case(person_a, code, day)


def test_half_year_list_holds_the_decisions_announced_in_it(
    as_user, secretary_a, announced, case_b
):
    client = as_user(secretary_a)
    response = client.get(reverse("discipline_lists:index") + "?year=2024&period=1")
    assert [c.code for c in response.context["cases"]] == ["KL-1", "KL-2"]  # not B's KL-B
    second = client.get(reverse("discipline_lists:index") + "?year=2024&period=2")
    assert [c.code for c in second.context["cases"]] == ["KL-3"]
    year = client.get(reverse("discipline_lists:index") + "?year=2024&period=year")
    assert [c.code for c in year.context["cases"]] == ["KL-1", "KL-2", "KL-3"]


def test_half_year_list_downloads(as_user, inspection_district, announced):
    client = as_user(inspection_district)
    url = reverse("discipline_lists:index") + "?year=2024&period=1"
    body = client.get(url + "&export=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert [r[1] for r in rows[1:]] == ["KL-1", "KL-2"]
    assert rows[1][7] == "01/02/2024"
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url + "&export=xlsx").content))
    assert [c.value for c in workbook.active["B"]][1:] == ["KL-1", "KL-2"]


def test_published_lists_need_a_unit(as_user, tree):
    stranger = UserFactory(username="nobody", unit=None, role="")
    response = as_user(stranger).get(reverse("discipline_lists:index"))
    assert response.status_code in (302, 403) and "cases" not in (response.context or {})
