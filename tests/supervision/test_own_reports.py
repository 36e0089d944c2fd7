"""A committee member files their own quarterly report (issue 8, item 4; RULES §6)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.models import User, UserRole
from dangbo.core import audit
from dangbo.core.errors import InputError
from dangbo.core.models import RuleSettings
from dangbo.people.models import Person
from dangbo.rules import supervision as rules
from dangbo.supervision import selectors, services
from dangbo.supervision.models import (
    SupervisionAssignment,
    SupervisionReport,
    SupervisionReportFile,
)
from tests.factories import PersonFactory, UserFactory
from tests.org.conftest import text


def current_period() -> str:
    today = timezone.localdate()
    return rules.format_period((today.year, (today.month - 1) // 3 + 1))


@pytest.fixture
def late_day(db):
    """The report day as the last day of the quarter: a report filed in the quarter itself is
    on time whatever today is, one for an earlier quarter late."""
    settings = RuleSettings.load()
    settings.report_day = 31
    settings.save()
    return settings


@pytest.fixture
def member(tree):
    return PersonFactory(code="CUV-1", full_name="Lê Văn Giám", unit=tree.district)


@pytest.fixture
def member_user(tree, member):
    user = UserFactory(unit=tree.district, role=UserRole.COMMITTEE_MEMBER, person=member)
    SupervisionAssignment.objects.create(
        person=member, unit=tree.commune_a, field="Xây dựng Đảng", start_date=date(2016, 1, 1)
    )
    return user


@pytest.fixture
def other_member(tree):
    other = PersonFactory(code="CUV-2", unit=tree.district)
    SupervisionAssignment.objects.create(
        person=other, unit=tree.commune_b, start_date=date(2016, 1, 1)
    )
    return other


# --- the service ---------------------------------------------------------------------------


def test_a_report_filed_in_its_quarter_is_on_time_and_dated_today(member_user, member, late_day):
    period = current_period()
    report = services.report_file_own(
        actor=member_user, person=member, period=period, summary="Đã giám sát chi bộ."
    )
    assert report.submitted_date == timezone.localdate()
    assert audit.history(report).get().action == audit.CREATE
    (line,) = [q for q in selectors.my_work(user=member_user)[0].quarters if q.period == period]
    assert line.status == "on_time"


def test_a_report_for_a_past_quarter_counts_late(member_user, member, late_day):
    services.report_file_own(actor=member_user, person=member, period="2019Q1", summary="Muộn.")
    quarters = {q.period: q for q in selectors.my_work(user=member_user)[0].quarters}
    assert quarters["2019Q1"].status == "late"
    assert quarters["2019Q2"].status == "missing"


def test_a_member_may_not_file_twice(member_user, member):
    services.report_file_own(actor=member_user, person=member, period="2019Q1", summary="Một.")
    with pytest.raises(InputError) as error:
        services.report_file_own(actor=member_user, person=member, period="2019Q1", summary="Hai.")
    assert error.value.problems[0].field == "period"
    assert "2019Q1" in error.value.problems[0].message
    assert SupervisionReport.objects.get().summary == "Một."


def test_a_member_may_not_file_for_another_person(member_user, other_member):
    with pytest.raises(PermissionError):
        services.report_file_own(
            actor=member_user, person=other_member, period="2019Q1", summary="Giả."
        )
    assert not SupervisionReport.objects.exists()


def test_no_report_for_a_quarter_without_an_assignment(tree, member_user, member):
    SupervisionAssignment.objects.update(start_date=date(2018, 1, 1), end_date=date(2018, 12, 31))
    with pytest.raises(PermissionError):
        services.report_file_own(
            actor=member_user, person=member, period="2019Q1", summary="Ngoài."
        )
    assert not SupervisionReport.objects.exists()


def test_a_linked_user_without_a_committee_grant_may_not_file(tree, member):
    SupervisionAssignment.objects.create(
        person=member, unit=tree.commune_a, start_date=date(2016, 1, 1)
    )
    reader = UserFactory(unit=tree.district, role=UserRole.GRASSROOTS_SECRETARY, person=member)
    with pytest.raises(PermissionError):
        services.report_file_own(actor=reader, person=member, period="2019Q1", summary="Không.")
    assert not SupervisionReport.objects.exists()


def test_no_report_for_a_quarter_not_begun(member_user, member):
    year = timezone.localdate().year + 1
    with pytest.raises(InputError) as error:
        services.report_file_own(
            actor=member_user, person=member, period=f"{year}Q1", summary="Sớm."
        )
    assert error.value.problems[0].field == "period"


def test_a_file_over_the_limit_is_refused_and_nothing_written(
    member_user, member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.DANGBO_REPORT_FILE_MAX_BYTES = 10
    big = SimpleUploadedFile("bao-cao.pdf", b"x" * 11)
    with pytest.raises(InputError) as error:
        services.report_file_own(
            actor=member_user, person=member, period="2019Q1", summary="Kèm tệp.", files=[big]
        )
    assert "bao-cao.pdf" in error.value.problems[0].message
    assert not SupervisionReport.objects.exists()
    assert not any(tmp_path.iterdir())


def test_attachments_are_stored_and_audited(member_user, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    files = [SimpleUploadedFile("a.pdf", b"%PDF a"), SimpleUploadedFile("b.jpg", b"jpg")]
    report = services.report_file_own(
        actor=member_user, person=member, period="2019Q1", summary="Kèm.", files=files
    )
    stored = list(report.files.all())
    assert [f.name for f in stored] == ["a.pdf", "b.jpg"]
    assert stored[0].file.read() == b"%PDF a"
    assert str(tmp_path) in stored[0].file.path
    assert audit.history(stored[1]).get().action == audit.CREATE


# --- the screens as a linked member ----------------------------------------------------------


def test_my_work_is_in_the_menu_only_for_a_member_with_assignments(as_user, member_user, office_a):
    url = reverse("supervision_my_work")
    assert url in text(as_user(member_user).get(reverse("wagtailadmin_home")))
    assert url not in text(as_user(office_a).get(reverse("wagtailadmin_home")))


def test_filing_through_the_page(as_user, member_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = as_user(member_user)
    form = client.get(reverse("supervision_own_report") + "?period=2019Q1")
    assert form.status_code == 200
    response = client.post(
        reverse("supervision_own_report"),
        {
            "person": member_user.person_id,
            "period": "2019Q1",
            "summary": "Đã giám sát.",
            "files": [SimpleUploadedFile("bb.pdf", b"%PDF")],
        },
        follow=True,
    )
    report = SupervisionReport.objects.get()
    assert report.submitted_date == timezone.localdate()
    page = text(response)
    assert timezone.localdate().strftime("%d/%m/%Y") in page
    attachment = report.files.get()
    download = client.get(reverse("supervision_report_file", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == b"%PDF"


def test_a_crafted_post_for_another_person_is_refused(as_user, member_user, other_member):
    response = as_user(member_user).post(
        reverse("supervision_own_report"),
        {"person": other_member.pk, "period": "2019Q1", "summary": "Giả mạo."},
    )
    assert response.status_code == 403
    assert not SupervisionReport.objects.exists()


def test_another_members_attachment_is_not_found(as_user, tree, member_user, other_member):
    report = SupervisionReport.objects.create(
        person=other_member, period="2019Q1", submitted_date=date(2019, 3, 1)
    )
    attachment = SupervisionReportFile.objects.create(
        report=report, file="supervision/x/a.pdf", name="a.pdf", size=1
    )
    stranger = UserFactory(unit=tree.commune_a, role=UserRole.COMMITTEE_MEMBER)
    url = reverse("supervision_report_file", args=[attachment.pk])
    assert as_user(stranger).get(url).status_code == 404


# --- the demo's committee member ---------------------------------------------------------------


def test_cuv_huyen_sees_their_quarters_as_the_review_does(demo, as_user):
    user = User.objects.get(username="cuv.huyen")
    assert user.person == Person.objects.get(code="P0034")
    page = text(as_user(user).get(reverse("supervision_my_work")))
    assert "Giai Xuân" in page
    quarters = {q.period: q for q in selectors.my_work(user=user)[0].quarters}
    assert quarters["2016Q3"].status == "missing"
    assert quarters["2019Q2"].status == "late"
    assert quarters["2019Q1"].status == "on_time"
    assert len(quarters) == 20  # 2016Q1 … 2020Q4
    assert "25/09/2016" in page  # 2016Q3's due date, dd/mm/yyyy


def test_cuv_huyen_files_the_missing_quarter_and_it_counts_late(demo, as_user):
    user = User.objects.get(username="cuv.huyen")
    client = as_user(user)
    filed = client.post(
        reverse("supervision_own_report"),
        {"person": user.person_id, "period": "2016Q3", "summary": "Báo cáo bổ sung."},
        follow=True,
    )
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"Đã nộp báo cáo Quý 3/2016 của bạn ngày {today}: trễ hạn." in text(filed)
    report = SupervisionReport.objects.get(person=user.person, period="2016Q3")
    assert report.submitted_date == timezone.localdate()
    quarters = {q.period: q for q in selectors.my_work(user=user)[0].quarters}
    assert quarters["2016Q3"].status == "late"
    again = client.post(
        reverse("supervision_own_report"),
        {"person": user.person_id, "period": "2016Q3", "summary": "Lần hai."},
    )
    assert again.status_code == 200
    assert "Bạn đã nộp báo cáo quý 2016Q3 ngày" in text(again)
    assert SupervisionReport.objects.get(person=user.person, period="2016Q3").summary == (
        "Báo cáo bổ sung."
    )


def test_cuv_huyen_may_not_file_for_another_member(demo, as_user):
    user = User.objects.get(username="cuv.huyen")
    other = Person.objects.get(code="P0025")
    before = SupervisionReport.objects.count()
    response = as_user(user).post(
        reverse("supervision_own_report"),
        {"person": other.pk, "period": "2018Q4", "summary": "Giả mạo."},
    )
    assert response.status_code == 403
    assert SupervisionReport.objects.count() == before


def test_a_failure_while_storing_leaves_no_report_and_no_file(
    member_user, member, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path

    def record_then_fail(instance, *args, **kwargs):
        if isinstance(instance, SupervisionReportFile):
            raise RuntimeError("disk full")
        return real_record(instance, *args, **kwargs)

    real_record = audit.record
    monkeypatch.setattr(audit, "record", record_then_fail)
    with pytest.raises(RuntimeError):
        services.report_file_own(
            actor=member_user,
            person=member,
            period="2019Q1",
            summary="Kèm.",
            files=[SimpleUploadedFile("a.pdf", b"%PDF a")],
        )
    assert not SupervisionReport.objects.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
