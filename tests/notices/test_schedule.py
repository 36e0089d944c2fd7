"""The daily schedule (issue 11 items 3 and 5): what a day records, once, and catching up."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from dangbo.accounts.models import UserRole
from dangbo.discipline.models import DisciplineCase, ListStatus, PublishedList
from dangbo.notices.models import Notice, NoticeKind, NoticeSettings, ScheduleDay
from dangbo.notices.services import EXPIRED, schedule_day, schedule_run
from dangbo.rotation.models import Rotation
from dangbo.supervision.models import SupervisionReport
from tests.factories import PersonFactory, PositionFactory
from tests.notices.conftest import grant

REMINDER_DAY = date(2019, 9, 20)


def effects() -> dict:
    """Everything a run may write, counted."""
    return {
        "notices": Notice.objects.count(),
        "log": ModelLogEntry.objects.count(),
        "days": ScheduleDay.objects.count(),
        "lists": PublishedList.objects.count(),
        "emails": len(mail.outbox),
    }


def kinds(user) -> list[str]:
    return sorted(Notice.objects.filter(recipient=user).values_list("kind", flat=True))


def test_reminders_go_to_the_member_or_to_the_office_for_a_member_without_login(office):
    schedule_run(day=REMINDER_DAY)
    reminder = Notice.objects.get(recipient=office.member_user)
    assert reminder.kind == NoticeKind.REPORT_REMINDER
    assert reminder.occasion == date(2019, 9, 25)
    assert reminder.record_url() == "/admin/my-work/report/?period=2019Q3"
    # The office hears of the member who has no login, not of the one who has.
    office_notice = Notice.objects.get(recipient=office.standing)
    assert office_notice.kind == NoticeKind.MEMBER_NOT_REPORTED
    assert office_notice.object_id == str(office.member_without_login.pk)
    assert not Notice.objects.filter(recipient__in=[office.office, office.inspection]).exists()


def test_no_reminder_before_n_days_nor_for_a_member_who_reported(office):
    schedule_run(day=date(2019, 9, 17))  # 8 days before 25/09: the setting says 7
    assert not Notice.objects.exists()
    SupervisionReport.objects.create(
        person=office.member, period="2019Q3", submitted_date=date(2019, 9, 17)
    )
    schedule_run(day=REMINDER_DAY)
    assert not Notice.objects.filter(recipient=office.member_user).exists()
    assert kinds(office.standing) == [NoticeKind.MEMBER_NOT_REPORTED]


def test_the_reminder_setting_moves_the_first_reminder_day(office):
    settings = NoticeSettings.load()
    settings.reminder_days = 10
    settings.save()
    schedule_run(day=date(2019, 9, 15))
    assert kinds(office.member_user) == [NoticeKind.REPORT_REMINDER]


def test_overdue_the_day_after_to_the_member_and_to_the_office(office):
    schedule_run(day=date(2019, 9, 26))
    assert kinds(office.member_user) == [NoticeKind.REPORT_OVERDUE]
    assert kinds(office.standing) == [NoticeKind.MEMBER_OVERDUE, NoticeKind.MEMBER_OVERDUE]


def test_running_a_day_twice_has_one_effect(office, tree):
    case_expiring(office, tree)
    schedule_run(day=REMINDER_DAY)
    once = effects()
    assert once["notices"] and once["emails"]
    schedule_run(day=REMINDER_DAY)
    schedule_day(day=REMINDER_DAY)
    assert effects() == once


def test_a_run_for_a_later_day_catches_up_on_the_days_between(office):
    schedule_run(day=date(2019, 9, 10))
    # The run for 26/09 covers 11/09 to 26/09: the reminders of 18/09–25/09 too.
    results = schedule_run(day=date(2019, 9, 26))
    assert [r.day for r in results] == [date(2019, 9, d) for d in range(11, 27)]
    assert set(ScheduleDay.objects.values_list("day", flat=True)) == {
        date(2019, 9, d) for d in range(10, 27)
    }
    assert kinds(office.member_user) == [NoticeKind.REPORT_OVERDUE, NoticeKind.REPORT_REMINDER]
    reminded = next(r for r in results if r.day == date(2019, 9, 18))
    assert reminded.notices == {
        NoticeKind.REPORT_REMINDER: 1,
        NoticeKind.MEMBER_NOT_REPORTED: 1,
    }


def test_the_first_run_is_its_day_alone_and_catch_up_is_capped(office):
    assert [r.day for r in schedule_run(day=date(2019, 9, 26))] == [date(2019, 9, 26)]
    results = schedule_run(day=date(2020, 12, 31), cap=5)
    assert [r.day for r in results] == [date(2020, 12, d) for d in range(27, 32)]


def test_a_day_killed_half_way_is_done_again_by_the_next_run(office, monkeypatch):
    from dangbo.notices import daily

    def killed(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(daily.Day, "tenures", killed)
    with pytest.raises(KeyboardInterrupt):
        schedule_run(day=REMINDER_DAY)
    # The day's transaction rolled back: nothing of it is left, not even its notices.
    assert effects()["notices"] == 0 and not ScheduleDay.objects.exists()
    monkeypatch.undo()
    schedule_run(day=REMINDER_DAY)
    assert ScheduleDay.objects.get().day == REMINDER_DAY
    assert Notice.objects.count() == 2


def test_a_notice_reaches_each_person_once_whatever_their_grants(office, tree):
    # A second standing committee grant (the province, over the district) and the member's
    # own standing committee grant: still one notice per person, kind, record and occasion.
    grant(office.standing, tree.province, UserRole.STANDING_COMMITTEE)
    grant(office.member_user, tree.district, UserRole.STANDING_COMMITTEE)
    schedule_run(day=REMINDER_DAY)
    schedule_run(day=date(2019, 9, 21))
    assert kinds(office.standing) == [NoticeKind.MEMBER_NOT_REPORTED]
    # As the member, the login is reminded of its own report; as the office, of the other's.
    assert kinds(office.member_user) == [
        NoticeKind.MEMBER_NOT_REPORTED,
        NoticeKind.REPORT_REMINDER,
    ]


def test_scope_follows_the_grants_of_the_day(office, tree):
    # An office of another commune does not hear of the district's members.
    from tests.factories import UserFactory

    outsider = UserFactory(unit=tree.commune_b, role=UserRole.STANDING_COMMITTEE)
    ended = UserFactory(unit=tree.district, role=UserRole.STANDING_COMMITTEE)
    ended.grants.update(valid_to=date(2019, 1, 1))
    schedule_run(day=REMINDER_DAY)
    # commune B is the area of the member without login: its standing committee hears of it.
    assert kinds(outsider) == [NoticeKind.MEMBER_NOT_REPORTED]
    assert kinds(ended) == []


def case_expiring(office, tree) -> DisciplineCase:
    person = PersonFactory(unit=tree.commune_a)
    return DisciplineCase.objects.create(
        code="KL-1",
        subject_kind="person",
        person=person,
        unit=tree.commune_a,
        violation_date=date(2018, 5, 1),
        form="khien_trach",
        decided_date=date(2018, 9, 1),
        announced_date=date(2018, 9, 10),
    )


def test_an_automatic_expiry_is_recorded_on_its_case_once(office, tree):
    case = case_expiring(office, tree)
    schedule_run(day=date(2019, 9, 9))
    assert not ModelLogEntry.objects.filter(action=EXPIRED).exists()
    schedule_run(day=date(2019, 9, 10))
    schedule_run(day=date(2019, 9, 10))
    entry = ModelLogEntry.objects.get(action=EXPIRED)
    assert entry.object_id == str(case.pk)
    assert entry.data["expires_on"] == "2019-09-10"
    notice = Notice.objects.get(kind=NoticeKind.DECISION_EXPIRED)
    assert notice.recipient == office.inspection
    assert notice.record_url() == reverse("discipline_case:inspect", args=[case.pk])


def test_an_expiry_the_rules_withhold_is_not_recorded(office, tree):
    case = case_expiring(office, tree)
    # A new violation within the year after the announcement: no automatic expiry (RULES §4).
    DisciplineCase.objects.create(
        code="KL-2",
        subject_kind="person",
        person=case.person,
        unit=tree.commune_a,
        violation_date=date(2019, 3, 1),
    )
    schedule_run(day=date(2019, 9, 10))
    assert not ModelLogEntry.objects.filter(action=EXPIRED).exists()


def test_rotations_ending_within_three_months_to_the_organization_office(office, tree):
    person = PersonFactory(unit=tree.district)
    rotation = Rotation.objects.create(
        code="LC-1",
        person=person,
        from_unit=tree.district,
        to_unit=tree.commune_a,
        to_role="head",
        start_date=date(2016, 12, 1),
        planned_months=36,
    )
    schedule_run(day=date(2019, 8, 31))
    assert not Notice.objects.filter(kind=NoticeKind.ROTATION_ENDING).exists()
    schedule_run(day=date(2019, 9, 1))
    notice = Notice.objects.get(kind=NoticeKind.ROTATION_ENDING)
    assert (notice.recipient, notice.occasion) == (office.office, date(2019, 12, 1))
    assert notice.object_id == str(rotation.pk)


def test_tenures_reaching_84_and_96_months_to_the_organization_office(office, tree):
    post = PositionFactory(person=PersonFactory(unit=tree.commune_a), start_date=date(2011, 9, 15))
    schedule_run(day=date(2018, 9, 14))
    assert not Notice.objects.filter(recipient=office.office).exists()
    schedule_run(day=date(2018, 9, 15))
    schedule_run(day=date(2019, 9, 15))
    notices = Notice.objects.filter(recipient=office.office).order_by("occasion")
    assert [(n.kind, n.occasion) for n in notices] == [
        (NoticeKind.TENURE_APPROACHING, date(2018, 9, 15)),
        (NoticeKind.TENURE_OVER, date(2019, 9, 15)),
    ]
    assert {n.object_id for n in notices} == {str(post.pk)}


def test_the_half_year_list_drafted_on_1_july_for_the_inspection_commission(office, tree):
    schedule_run(day=date(2019, 7, 1))
    schedule_run(day=date(2019, 7, 1))
    draft = PublishedList.objects.get()
    assert (draft.unit, draft.year, draft.period, draft.status) == (
        tree.district,
        2019,
        "H1",
        ListStatus.DRAFT,
    )
    notice = Notice.objects.get(kind=NoticeKind.LIST_DRAFT)
    assert notice.recipient == office.inspection
    assert notice.record_url() == reverse("discipline_published_list:inspect", args=[draft.pk])


def test_an_approved_list_is_neither_drawn_up_again_nor_noticed(office, tree):
    PublishedList.objects.create(
        unit=tree.district,
        year=2019,
        period="H2",
        status=ListStatus.APPROVED,
        generated_at="2020-01-01T00:00:00Z",
    )
    schedule_run(day=date(2020, 1, 1))
    assert PublishedList.objects.get().status == ListStatus.APPROVED
    assert not Notice.objects.filter(kind=NoticeKind.LIST_DRAFT).exists()


def test_each_email_is_sent_once_in_vietnamese(office):
    schedule_run(day=REMINDER_DAY)
    schedule_run(day=REMINDER_DAY)
    addressed = sorted(m.to[0] for m in mail.outbox)
    assert addressed == ["btv@example.org", "cuv@example.org"]
    to_member = next(m for m in mail.outbox if m.to == ["cuv@example.org"])
    assert "Quý 3/2019" in to_member.subject and "25/09/2019" in to_member.subject
    assert "báo cáo giám sát" in to_member.subject.lower()
    assert "/admin/my-work/report/?period=2019Q3" in to_member.body
    assert Notice.objects.filter(by_email=True, emailed_at__isnull=True).count() == 0


def test_a_user_chooses_which_kinds_reach_them_by_email(office):
    from dangbo.notices.services import preference_set

    preference_set(actor=office.member_user, email_kinds=[NoticeKind.REPORT_OVERDUE])
    schedule_run(day=REMINDER_DAY)
    assert [m.to for m in mail.outbox] == [["btv@example.org"]]
    assert Notice.objects.filter(recipient=office.member_user, by_email=False).count() == 1
    schedule_run(day=date(2019, 9, 26))
    assert ["cuv@example.org"] in [m.to for m in mail.outbox]


def test_a_user_without_an_address_gets_the_notice_but_no_email(office):
    office.member_user.email = ""
    office.member_user.save()
    schedule_run(day=REMINDER_DAY)
    assert Notice.objects.filter(recipient=office.member_user).exists()
    assert [m.to for m in mail.outbox] == [["btv@example.org"]]
