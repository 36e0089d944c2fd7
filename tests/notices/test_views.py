"""The notices screens: the bell on every page, my list, mark read, e-mail preferences."""

import json
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from dangbo.core import audit
from dangbo.notices import services
from dangbo.notices.models import Notice, NoticeKind, NoticePreference, ScheduleDay
from dangbo.notices.services import schedule_run
from dangbo.people.models import Person

REMINDER_DAY = date(2019, 9, 20)


def notice_for(user, person, kind=NoticeKind.MEMBER_NOT_REPORTED, occasion=date(2019, 9, 25)):
    return Notice.objects.create(
        recipient=user,
        kind=kind,
        title=f"{person.full_name} chưa nộp báo cáo",
        text="Nhắc nộp báo cáo.",
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        occasion=occasion,
    )


def menu(response) -> list[dict]:
    """The sidebar's main menu items as the page renders them (Wagtail's JSON props)."""
    html = response.content.decode()
    start = html.index('id="wagtail-sidebar-props"')
    props = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(props)["modules"][1]["_args"][0]


def bell(response) -> dict:
    return next(
        item["_args"][0] for item in menu(response) if item["_args"][0]["name"] == "notices"
    )


@pytest.mark.parametrize("path", ["wagtailadmin_home", "notices_index", "supervision_my_work"])
def test_the_bell_shows_the_unread_count_on_every_page(office, as_user, path):
    client = as_user(office.standing)
    assert bell(client.get(reverse(path)))["label"] == "Thông báo"
    schedule_run(day=REMINDER_DAY)
    shown = bell(client.get(reverse(path)))
    assert shown["label"] == "Thông báo (1)"
    assert shown["url"] == reverse("notices_index")


def test_my_notices_list_only_mine_with_dates_and_links(office, as_user):
    schedule_run(day=REMINDER_DAY)
    response = as_user(office.standing).get(reverse("notices_index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hoàng Thị Sát chưa nộp báo cáo Quý 3/2019 (hạn 25/09/2019)" in html
    assert "Lê Văn Giám" not in html  # the member's own reminder is theirs, not the office's
    assert reverse("person:inspect", args=[office.member_without_login.pk]) in html
    assert "25/09/2019" in html


def test_filter_unread_and_mark_read(office, as_user):
    client = as_user(office.standing)
    first = notice_for(office.standing, office.member)
    second = notice_for(office.standing, office.member_without_login)
    response = client.post(reverse("notices_mark_read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    html = client.get(reverse("notices_index") + "?state=unread").content.decode()
    assert second.title in html and first.title not in html
    client.post(reverse("notices_mark_all_read"))
    assert not Notice.objects.filter(recipient=office.standing, read_at__isnull=True).exists()
    html = client.get(reverse("notices_index") + "?state=unread").content.decode()
    assert "Không có thông báo chưa đọc." in html


def test_marking_read_is_a_post(office, as_user):
    notice = notice_for(office.standing, office.member)
    response = as_user(office.standing).get(reverse("notices_mark_read", args=[notice.pk]))
    assert response.status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_another_users_notice_is_not_found(office, as_user):
    theirs = notice_for(office.member_user, office.member, kind=NoticeKind.REPORT_REMINDER)
    client = as_user(office.standing)
    assert client.post(reverse("notices_mark_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert theirs.title not in client.get(reverse("notices_index")).content.decode()
    client.post(reverse("notices_mark_all_read"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_screens_need_a_login(client):
    for name in ("notices_index", "notices_preferences"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "login" in response["Location"]
    assert client.post(reverse("notices_mark_all_read")).status_code == 302


def test_the_list_is_paged(office, as_user):
    for n in range(30):
        notice_for(office.standing, office.member, occasion=date(2019, 1, 1 + n))
    client = as_user(office.standing)
    first = client.get(reverse("notices_index")).content.decode()
    assert "Trang 1 / 2" in first and "30/01/2019" in first and "01/01/2019" not in first
    second = client.get(reverse("notices_index") + "?p=2").content.decode()
    assert "01/01/2019" in second


def test_the_preference_form(office, as_user):
    client = as_user(office.member_user)
    page = client.get(reverse("notices_preferences")).content.decode()
    assert "Gửi thêm cho tôi qua thư điện tử" in page and "cuv@example.org" in page
    response = client.post(
        reverse("notices_preferences"), {"email_kinds": [NoticeKind.REPORT_OVERDUE]}
    )
    assert response.status_code == 302
    assert NoticePreference.objects.get(user=office.member_user).email_kinds == [
        NoticeKind.REPORT_OVERDUE
    ]
    response = client.post(reverse("notices_preferences"), {"email_kinds": ["no_such_kind"]})
    assert response.status_code == 200
    assert NoticePreference.objects.get(user=office.member_user).email_kinds == [
        NoticeKind.REPORT_OVERDUE
    ]


def test_the_services_are_audited(office):
    preference = services.preference_set(
        actor=office.member_user, email_kinds=[NoticeKind.REPORT_OVERDUE]
    )
    entry = audit.history(preference).get()
    assert entry.action == audit.CREATE and entry.user == office.member_user
    notice = notice_for(office.standing, office.member)
    services.notice_mark_read(actor=office.standing, notice_id=notice.pk)
    entry = audit.history(notice).get()
    assert entry.action == audit.UPDATE and "read_at" in entry.data["changes"]
    schedule_run(day=REMINDER_DAY)
    day = ScheduleDay.objects.get()
    entry = audit.history(day).get()
    assert entry.data["source"] == audit.SOURCE_COMMAND
    assert entry.data["after"]["counts"]["notices"] == day.counts["notices"]


def test_a_bad_preference_changes_nothing(office):
    from dangbo.core.errors import InputError

    with pytest.raises(InputError):
        services.preference_set(actor=office.member_user, email_kinds=["x"])
    assert not NoticePreference.objects.exists()


def test_unread_notices_are_due_work_on_the_home(office, as_user):
    client = as_user(office.standing)
    assert "Thông báo chưa đọc" not in client.get(reverse("wagtailadmin_home")).content.decode()
    schedule_run(day=REMINDER_DAY)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Thông báo chưa đọc" in html
    assert "Hoàng Thị Sát chưa nộp báo cáo Quý 3/2019" in html
