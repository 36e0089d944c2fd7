"""The demo shows time passing (issue 11 item 6): `dangbo schedule --date 2019-09-20` gives
the 2019Q3 reminders, `--date 2019-09-26` the overdue notices; who gets one is who the
supervision review of 2019Q3 lists as not reported as of that day."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from dangbo.accounts.models import User
from dangbo.notices.models import Notice, NoticeKind
from dangbo.org.scope import OPERATOR
from dangbo.people.models import Person
from dangbo.reviews.supervision import supervision_rows

REMINDED = (NoticeKind.REPORT_REMINDER, NoticeKind.MEMBER_NOT_REPORTED)
OVERDUE = (NoticeKind.REPORT_OVERDUE, NoticeKind.MEMBER_OVERDUE)


def review(period: str, as_of: date, status: str) -> set[str]:
    rows = supervision_rows(user=OPERATOR, period=period, as_of=as_of)
    return {row["person_code"] for row in rows if row["status"] == status}


def noticed(kinds, occasion: date) -> set[str]:
    ids = Notice.objects.filter(kind__in=kinds, occasion=occasion).values_list(
        "object_id", flat=True
    )
    return set(Person.objects.filter(pk__in=[int(i) for i in ids]).values_list("code", flat=True))


def schedule(day: str) -> str:
    out = StringIO()
    call_command("schedule", "--date", day, stdout=out)
    return out.getvalue()


def test_2019_09_20_reminds_those_who_had_not_reported(demo):
    output = schedule("2019-09-20")
    not_reported = review("2019Q3", date(2019, 9, 20), "not_due")
    assert not_reported  # the demo's members report from 20/09 to 25/09
    assert noticed(REMINDED, date(2019, 9, 25)) == not_reported
    # A member with a login is reminded in person; the others through the standing committee.
    linked = dict(
        User.objects.filter(person__code__in=not_reported).values_list("person__code", "username")
    )
    assert linked == {"P0025": "btv.huyen", "P0034": "cuv.huyen"}
    for username in linked.values():
        assert (
            Notice.objects.filter(
                recipient__username=username,
                kind=NoticeKind.REPORT_REMINDER,
                occasion=date(2019, 9, 25),
            ).count()
            == 1
        )
    office = Notice.objects.filter(
        recipient__username="btv.huyen", kind=NoticeKind.MEMBER_NOT_REPORTED
    )
    assert office.count() == len(not_reported) - len(linked)
    assert "20/09/2019" in output


def test_2019_09_26_gives_the_overdue_notices_the_review_gives(demo):
    schedule("2019-09-20")
    schedule("2019-09-26")
    missing = review("2019Q3", date(2019, 9, 26), "missing")
    assert noticed(OVERDUE, date(2019, 9, 25)) == missing
    # Every member of the demo reported 2019Q3 by its due date: no overdue notice for it.
    assert missing == set()


@pytest.mark.parametrize(("day", "period"), [("2018-12-26", "2018Q4"), ("2016-09-26", "2016Q3")])
def test_a_quarter_with_a_missing_report_gives_its_overdue_notices(demo, day, period):
    schedule(day)
    as_of = date.fromisoformat(day)
    missing = review(period, as_of, "missing")
    assert len(missing) == 1  # the demo's README: two quarters without a report
    due = date(as_of.year, as_of.month, 25)
    assert noticed(OVERDUE, due) == missing
    (code,) = missing
    login = User.objects.filter(person__code=code).first()
    assert Notice.objects.filter(recipient=login, kind=NoticeKind.REPORT_OVERDUE).count() == 1
    assert (
        Notice.objects.filter(
            recipient__username="btv.huyen", kind=NoticeKind.MEMBER_OVERDUE, occasion=due
        ).count()
        == 1
    )


def test_running_the_demo_day_again_changes_nothing(demo):
    schedule("2019-09-20")
    before = Notice.objects.count()
    assert "không có gì mới" in schedule("2019-09-20")
    assert Notice.objects.count() == before
