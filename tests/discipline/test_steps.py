"""A case from the ideological-work step to the resolution of a complaint, one step at a time:
each through its own service and short form, audited, refused out of order (issue 8 item 6)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.core.errors import ConflictError, InputError
from dangbo.discipline import selectors, services
from dangbo.discipline.models import DisciplineCase
from tests.factories import UserFactory
from tests.org.conftest import refused, text


@pytest.fixture
def inspector_a(tree):
    return UserFactory(
        username="ubkt_a", unit=tree.commune_a, role=UserRole.INSPECTION, first_name="Kiểm"
    )


def open_case(actor, person, code="KL-1", **kw):
    values = {
        "subject_kind": "person",
        "person": person,
        "unit": None,
        "violation_date": date(2024, 10, 1),
        "category": "ordinary",
        "ideological_work_date": date(2024, 12, 5),
        "ideological_work_note": "Đã gặp gỡ, đồng chí nhận khuyết điểm.",
        "summary": "",
        **kw,
    }
    return services.case_open(actor=actor, code=code, **values)


def version(case):
    case.refresh_from_db()
    return audit.fingerprint(case)


# --- services -------------------------------------------------------------------------------


def test_a_case_opens_without_a_decision(inspector_a, person_a):
    case = open_case(inspector_a, person_a, form="canh_cao", decided_date=date(2025, 1, 1))
    # Opening records only the opening step, whatever else is passed.
    assert (case.form, case.decided_date, case.announced_date) == ("", None, None)
    assert case.unit == person_a.unit and str(case) == "KL-1: chưa quyết định"


def test_the_steps_in_order_each_audited(inspector_a, person_a):
    case = open_case(inspector_a, person_a)
    services.case_decide(
        actor=inspector_a,
        case=case,
        form="canh_cao",
        decided_date=date(2025, 1, 10),
        decided_by="Ủy ban Kiểm tra Đảng ủy xã",
        expected_version=version(case),
    )
    services.case_announce(
        actor=inspector_a,
        case=case,
        announced_date=date(2025, 1, 15),
        expected_version=version(case),
    )
    services.case_complaint_file(
        actor=inspector_a,
        case=case,
        complaint_date=date(2025, 2, 1),
        expected_version=version(case),
    )
    services.case_complaint_resolve(
        actor=inspector_a,
        case=case,
        complaint_resolved_date=date(2025, 3, 1),
        complaint_outcome="upheld",
        expected_version=version(case),
    )
    case.refresh_from_db()
    assert case.form == "canh_cao" and case.complaint_outcome == "upheld"
    assert audit.history(case).count() == 5
    timeline = selectors.case_timeline(user=inspector_a, case=case, as_of=date(2025, 6, 1))
    assert [s["done"] for s in timeline["steps"]] == [True] * 5
    assert all(s["who"] for s in timeline["steps"]) and timeline["next_steps"] == []
    limitation, complaint, expiry, bar = timeline["dates"]
    # Warned, announced 15/01/2025 under 80-QĐ/TW: 30 months' promotion bar; expiry 12
    # months after the resolution of the complaint (69-QĐ/TW).
    assert bar["value"] == "15/07/2027" and "80-QĐ/TW" in bar["rule"]
    assert expiry["value"] == "01/03/2026" and "69-QĐ/TW" in expiry["rule"]
    assert limitation["value"] == "01/10/2034" and "69-QĐ/TW" in limitation["rule"]
    assert complaint["value"] == "15/02/2025" and "Điều lệ Đảng" in complaint["rule"]


@pytest.mark.parametrize(
    ("service", "values", "field"),
    [
        (services.case_announce, {"announced_date": date(2025, 1, 15)}, ""),  # not decided
        (services.case_complaint_file, {"complaint_date": date(2025, 1, 15)}, ""),
        (
            services.case_decide,
            {"form": "canh_cao", "decided_date": date(2024, 9, 1)},  # before the violation
            "decided_date",
        ),
        (
            services.case_decide,
            {"form": "canh_cao", "decided_date": date(2024, 11, 1)},  # before the talk
            "decided_date",
        ),
        (services.case_decide, {"form": "giai_tan", "decided_date": date(2025, 1, 10)}, "form"),
        (services.case_decide, {"form": "", "decided_date": date(2025, 1, 10)}, "form"),
    ],
)
def test_a_step_out_of_order_or_misdated_is_refused(inspector_a, person_a, service, values, field):
    case = open_case(inspector_a, person_a)
    before = version(case)
    with pytest.raises(InputError) as error:
        service(actor=inspector_a, case=case, expected_version=before, **values)
    assert field in {p.field for p in error.value.problems}
    assert version(case) == before and audit.history(case).count() == 1


def test_a_step_dated_after_today_is_refused(inspector_a, person_a):
    case = open_case(inspector_a, person_a)
    tomorrow = timezone.localdate().replace(year=timezone.localdate().year + 1)
    with pytest.raises(InputError):
        services.case_decide(
            actor=inspector_a,
            case=case,
            form="canh_cao",
            decided_date=tomorrow,
            expected_version=version(case),
        )


def test_a_step_on_a_changed_record_is_refused(inspector_a, person_a):
    case = open_case(inspector_a, person_a)
    stale = version(case)
    services.case_update(actor=inspector_a, case=case, summary="Đã sửa")
    with pytest.raises(ConflictError):
        services.case_decide(
            actor=inspector_a,
            case=case,
            form="canh_cao",
            decided_date=date(2025, 1, 10),
            expected_version=stale,
        )


def test_steps_need_the_inspection_commission_of_the_case(office_a, inspector_a, person_a):
    case = open_case(inspector_a, person_a)
    with pytest.raises(PermissionError):
        services.case_decide(
            actor=office_a,
            case=case,
            form="canh_cao",
            decided_date=date(2025, 1, 10),
            expected_version=version(case),
        )


def test_the_review_as_of_a_day_shows_only_cases_decided_by_it(inspector_a, person_a):
    case = open_case(inspector_a, person_a)
    assert not selectors.cases_decided_by(user=inspector_a, as_of=date(2030, 1, 1)).exists()
    assert selectors.review_lines(user=inspector_a, case=case, as_of=date(2030, 1, 1)) == []
    services.case_decide(
        actor=inspector_a,
        case=case,
        form="khien_trach",
        decided_date=date(2025, 1, 10),
        expected_version=version(case),
    )
    assert not selectors.cases_decided_by(user=inspector_a, as_of=date(2025, 1, 9)).exists()
    assert list(selectors.cases_decided_by(user=inspector_a, as_of=date(2025, 1, 10))) == [case]


# --- screens --------------------------------------------------------------------------------


def step_url(case, step):
    return reverse("discipline_case:step", args=[step, case.pk])


def test_opening_then_each_step_on_the_screens(as_user, inspector_a, person_a):
    client = as_user(inspector_a)
    response = client.post(
        reverse("discipline_case:add"),
        {
            "code": "KL-A2",
            "subject_kind": "person",
            "person": person_a.pk,
            "unit": "",
            "violation_date": "01/10/2024",
            "category": "ordinary",
            "ideological_work_date": "05/12/2024",
            "ideological_work_note": "Đã gặp gỡ, đồng chí nhận khuyết điểm.",
            "summary": "",
        },
    )
    case = DisciplineCase.objects.get(code="KL-A2")
    assert response["Location"] == reverse("discipline_case:inspect", args=[case.pk])
    page = text(client.get(response["Location"]))
    assert "Đã gặp gỡ" in page and "05/12/2024" in page and step_url(case, "decided") in page
    assert step_url(case, "announced") not in page  # only the next step is offered
    steps = [
        ("decided", {"form": "canh_cao", "decided_date": "10/01/2025", "decided_by": "UBKT xã"}),
        ("announced", {"announced_date": "15/01/2025"}),
        ("complaint_filed", {"complaint_date": "01/02/2025"}),
        (
            "complaint_resolved",
            {"complaint_resolved_date": "01/03/2025", "complaint_outcome": "upheld"},
        ),
    ]
    for step, data in steps:
        form_page = client.get(step_url(case, step))
        assert form_page.status_code == 200
        response = client.post(step_url(case, step), {**data, "record_version": version(case)})
        assert response.status_code == 302, response.context["form"].errors
    case.refresh_from_db()
    assert (case.decided_date, case.complaint_outcome) == (date(2025, 1, 10), "upheld")
    page = text(client.get(reverse("discipline_case:inspect", args=[case.pk])))
    assert "15/07/2027" in page and "80-QĐ/TW" in page and "69-QĐ/TW" in page


def test_a_step_posted_out_of_order_is_shown_and_changes_nothing(as_user, inspector_a, person_a):
    case = open_case(inspector_a, person_a)
    response = as_user(inspector_a).post(
        step_url(case, "announced"),
        {"announced_date": "15/01/2025", "record_version": version(case)},
    )
    assert response.status_code == 200
    assert "theo thứ tự" in str(response.context["form"].non_field_errors())
    case.refresh_from_db()
    assert case.announced_date is None and audit.history(case).count() == 1


def test_a_decision_before_the_violation_is_shown_on_its_field(as_user, inspector_a, person_a):
    case = open_case(inspector_a, person_a)
    response = as_user(inspector_a).post(
        step_url(case, "decided"),
        {"form": "canh_cao", "decided_date": "01/09/2024", "record_version": version(case)},
    )
    assert "Ngày quyết định trước ngày vi phạm" in str(
        response.context["form"].errors["decided_date"]
    )
    case.refresh_from_db()
    assert case.decided_date is None


def test_a_step_without_the_version_changes_nothing(as_user, inspector_a, person_a):
    case = open_case(inspector_a, person_a)
    response = as_user(inspector_a).post(
        step_url(case, "decided"), {"form": "canh_cao", "decided_date": "10/01/2025"}
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.decided_date is None


def test_a_step_on_another_communes_case_is_not_found(as_user, inspector_a, tree, person_b):
    inspector_b = UserFactory(username="ubkt_b", unit=tree.commune_b, role=UserRole.INSPECTION)
    case = open_case(inspector_b, person_b)
    client = as_user(inspector_a)
    assert client.get(step_url(case, "decided")).status_code == 404
    response = client.post(
        step_url(case, "decided"),
        {"form": "canh_cao", "decided_date": "10/01/2025", "record_version": version(case)},
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.decided_date is None and ModelLogEntry.objects.count() == 1


def test_readers_see_the_timeline_but_record_no_step(as_user, inspector_a, secretary_a, person_a):
    case = open_case(inspector_a, person_a)
    client = as_user(secretary_a)
    page = text(client.get(reverse("discipline_case:inspect", args=[case.pk])))
    assert "Chưa quyết định" in page and step_url(case, "decided") not in page
    assert refused(client.get(step_url(case, "decided")))
    client.post(step_url(case, "decided"), {"form": "canh_cao", "decided_date": "10/01/2025"})
    case.refresh_from_db()
    assert case.decided_date is None


def test_an_unknown_step_is_not_found(as_user, inspector_a, person_a):
    case = open_case(inspector_a, person_a)
    assert as_user(inspector_a).get(step_url(case, "opened")).status_code == 404
