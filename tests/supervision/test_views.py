"""Supervision screens: scoped by the tree, reports with their due date and status."""

import csv
import io
from datetime import date

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from dangbo.supervision.models import SupervisionAssignment, SupervisionReport
from tests.org.conftest import refused, streamed, text


@pytest.fixture
def assignment_b(tree, person_b):
    return SupervisionAssignment.objects.create(
        person=person_b, unit=tree.commune_b, field="Xây dựng Đảng", start_date=date(2016, 1, 1)
    )


@pytest.fixture
def report_b(person_b):
    return SupervisionReport.objects.create(
        person=person_b, period="2019Q1", submitted_date=date(2019, 3, 20)
    )


# --- another commune's records are out of reach ---------------------------------------------


def test_lists_leave_out_another_commune(as_user, office_a, assignment_b, report_b):
    client = as_user(office_a)
    assert list(client.get(reverse("supervision_assignment:index")).context["object_list"]) == []
    assert list(client.get(reverse("supervision_report:index")).context["object_list"]) == []


@pytest.mark.parametrize("view", ["inspect", "history", "end"])
def test_guessing_another_communes_assignment_url_is_not_found(
    as_user, office_a, assignment_b, view
):
    url = reverse(f"supervision_assignment:{view}", args=[assignment_b.pk])
    assert as_user(office_a).get(url).status_code == 404


@pytest.mark.parametrize("view", ["inspect", "history"])
def test_guessing_another_communes_report_url_is_not_found(as_user, office_a, report_b, view):
    url = reverse(f"supervision_report:{view}", args=[report_b.pk])
    assert as_user(office_a).get(url).status_code == 404


def test_posting_to_another_communes_records_changes_nothing(
    as_user, office_a, assignment_b, person_b
):
    client = as_user(office_a)
    end = client.post(
        reverse("supervision_assignment:end", args=[assignment_b.pk]), {"end_date": "01/01/2020"}
    )
    add = client.post(
        reverse("supervision_report:add"),
        {"person": person_b.pk, "period": "2019Q2", "submitted_date": "20/06/2019"},
    )
    assert end.status_code == 404 and add.status_code == 200  # not a choice offered
    assignment_b.refresh_from_db()
    assert assignment_b.end_date is None and not SupervisionReport.objects.exists()
    assert not ModelLogEntry.objects.exists()


def test_nothing_is_edited_or_deleted():
    for name in ["supervision_assignment", "supervision_report"]:
        for view in ["edit", "delete"]:
            with pytest.raises(NoReverseMatch):
                reverse(f"{name}:{view}", args=[1])


@pytest.mark.parametrize("url", ["supervision_assignment:add", "supervision_report:add"])
def test_readers_cannot_add(as_user, secretary_a, url):
    assert refused(as_user(secretary_a).get(reverse(url)))


# --- recording ------------------------------------------------------------------------------


def test_office_assigns_and_files_reports_with_their_status(as_user, office_a, tree, person_a):
    client = as_user(office_a)
    response = client.post(
        reverse("supervision_assignment:add"),
        {
            "person": person_a.pk,
            "unit": tree.branch_a.pk,
            "field": "Kinh tế",
            "start_date": "01/01/2016",
        },
    )
    assignment = SupervisionAssignment.objects.get()
    assert response["Location"] == reverse("supervision_assignment:inspect", args=[assignment.pk])
    for period, day in [("2019q1", "25/03/2019"), ("2019Q2", "26/06/2019")]:
        response = client.post(
            reverse("supervision_report:add"),
            {"person": person_a.pk, "period": period, "submitted_date": day},
        )
        assert response.status_code == 302
    page = text(client.get(reverse("supervision_assignment:inspect", args=[assignment.pk])))
    assert "2019Q1" in page and "Đúng hạn" in page and "Trễ hạn" in page and "25/06/2019" in page
    report = SupervisionReport.objects.get(period="2019Q2")
    assert "báo cáo ngày 25" in text(
        client.get(reverse("supervision_report:inspect", args=[report.pk]))
    )
    body = streamed(client.get(reverse("supervision_report:index") + "?export=csv")).decode()
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert ["2019Q2", "26/06/2019", "25/06/2019", "Trễ hạn"] in [r[2:6] for r in rows]


def test_a_bad_period_is_shown_on_its_field(as_user, office_a, person_a):
    response = as_user(office_a).post(
        reverse("supervision_report:add"),
        {"person": person_a.pk, "period": "2019Q5", "submitted_date": "20/06/2019"},
    )
    assert "YYYYQn" in str(response.context["form"].errors["period"])
