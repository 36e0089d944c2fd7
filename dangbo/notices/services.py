"""Writes of the notices: the daily schedule's run, marking notices read, e-mail preferences.

`schedule_run` is what `dangbo schedule` calls. Each day's effects (its notices, the
expiries recorded on their cases, the half-year list drafts, the day's own row and audit
entry) are written in one transaction, so a run killed half-way leaves that day undone and
the next run does it; running a day again finds its effects already there and adds none.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dangbo.core import audit, records
from dangbo.core.errors import InputError, Problem
from dangbo.discipline.models import DisciplineCase, ListStatus, PublishedList
from dangbo.discipline.services import published_list_generate
from dangbo.notices.daily import Day, Draft, Expiry
from dangbo.notices.models import Notice, NoticeKind, NoticePreference, ScheduleDay
from dangbo.notices.permissions import notice_policy
from dangbo.org.scope import OPERATOR
from dangbo.rules import schedule as rules

#: The audit action of a decision's automatic expiry, recorded on its case's history.
EXPIRED = "dangbo.expire"


@dataclass
class DayResult:
    day: date
    notices: dict[str, int] = field(default_factory=dict)
    expiries: int = 0
    lists: int = 0
    already_run: bool = False

    @property
    def notice_count(self) -> int:
        return sum(self.notices.values())


def last_day_run() -> date | None:
    return ScheduleDay.objects.aggregate(last=Max("day"))["last"]


def schedule_run(
    *, actor=OPERATOR, day: date, cap: int = rules.CATCH_UP_DAYS, source=audit.SOURCE_COMMAND
) -> list[DayResult]:
    """Run the schedule for `day`, catching up on the days since the last day run (at most
    `cap` of them); then send the e-mails of the notices made (through the task worker)."""
    days = rules.days_to_run(last_day_run(), day, cap)
    results = [schedule_day(actor=actor, day=d, source=source) for d in days]
    enqueue_emails()
    return results


#: The PostgreSQL advisory lock the schedule's days take ("dangbo schedule", as a number).
SCHEDULE_LOCK = 0x64616E67626F


def _lock_schedule() -> None:
    """Two schedules running at once (two servers' timers) take turns, a day at a time: the
    second finds the first one's effects (PostgreSQL; SQLite writes one transaction at a
    time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SCHEDULE_LOCK])


@transaction.atomic
def schedule_day(*, actor=OPERATOR, day: date, source=audit.SOURCE_COMMAND) -> DayResult:
    """One day's effects, in one transaction (see the module's docstring)."""
    _lock_schedule()
    previous = ScheduleDay.objects.filter(day=day).first()
    result = DayResult(day=day, already_run=previous is not None)
    found = Day(day)
    with translation.override(settings.LANGUAGE_CODE):
        drafts = found.supervision()
        expiries = found.expiries()
        result.expiries = _record_expiries(expiries, actor=actor, source=source)
        drafts += found.expiry_notices(expiries)
        drafts += found.rotations()
        drafts += found.tenures()
        lists_due = found.list_committees()
        if lists_due is not None:
            year, period, occasion, units = lists_due
            drafts_lists, result.lists = _draw_up_lists(units, year, period, actor, source)
            drafts += found.list_notices(drafts_lists, occasion)
    result.notices = _make_notices(drafts)
    counts = {"notices": result.notices, "expiries": result.expiries, "lists": result.lists}
    if previous is None:
        row = ScheduleDay.objects.create(day=day, ran_at=timezone.now(), counts=counts)
        audit.record(
            row, audit.CREATE, actor=actor, before=None, after=audit.snapshot(row), source=source
        )
    elif result.notice_count or result.expiries or result.lists:
        # The day again, with something new (a fact entered late): added to its counts.
        current = ScheduleDay.objects.select_for_update().get(pk=previous.pk)
        records.update(
            current, {"counts": _added(current.counts or {}, counts)}, actor=actor, source=source
        )
    return result


def _added(before: dict, more: dict) -> dict:
    notices = dict(before.get("notices") or {})
    for kind, n in more["notices"].items():
        notices[kind] = notices.get(kind, 0) + n
    return {
        "notices": notices,
        "expiries": before.get("expiries", 0) + more["expiries"],
        "lists": before.get("lists", 0) + more["lists"],
    }


def _record_expiries(expiries: list[Expiry], *, actor, source) -> int:
    """Record each expiry once on its case's history (an audit entry of its own)."""
    if not expiries:
        return 0
    content_type = ContentType.objects.get_for_model(DisciplineCase)
    from wagtail.models import ModelLogEntry

    done = set(
        ModelLogEntry.objects.filter(
            content_type=content_type,
            action=EXPIRED,
            object_id__in=[str(e.case.pk) for e in expiries],
        ).values_list("object_id", flat=True)
    )
    recorded = 0
    for expiry in expiries:
        if str(expiry.case.pk) in done:
            continue
        ModelLogEntry.objects.create(
            content_type=content_type,
            label=str(expiry.case)[:255],
            action=EXPIRED,
            timestamp=timezone.now(),
            data={
                "source": source,
                "expires_on": expiry.expires_on.isoformat(),
                "rule": expiry.rule,
            },
            user=actor if getattr(actor, "pk", None) else None,
            object_id=str(expiry.case.pk),
            content_changed=False,
        )
        recorded += 1
    return recorded


def _draw_up_lists(units, year: int, period: str, actor, source):
    """The draft list of each committee with an inspection commission, unless the committee
    already has that period's list (drawn up by hand, or approved, or published)."""
    existing = {
        pl.unit_id: pl
        for pl in PublishedList.objects.filter(
            unit__in=units, year=year, period=period
        ).select_related("unit")
    }
    drafts, made = [], 0
    for unit in units:
        published_list = existing.get(unit.pk)
        if published_list is None:
            try:
                with transaction.atomic():
                    published_list = published_list_generate(
                        actor=actor, unit=unit, year=year, period=period, source=source
                    )
            except InputError:
                continue  # the committee did not exist in the period
            except IntegrityError:
                continue  # drawn up by hand at this very moment: that one stands
            made += 1
        if published_list.status == ListStatus.DRAFT:
            drafts.append(published_list)
    return drafts, made


def _wants_email(drafts: Iterable[Draft]) -> dict[int, tuple[str, frozenset]]:
    """recipient id → (e-mail address, kinds they take by e-mail)."""
    from django.contrib.auth import get_user_model

    ids = {d.recipient_id for d in drafts}
    users = get_user_model().objects.filter(pk__in=ids).values_list("pk", "email")
    chosen = dict(
        NoticePreference.objects.filter(user_id__in=ids).values_list("user_id", "email_kinds")
    )
    every = frozenset(NoticeKind.values)
    return {pk: (email, frozenset(chosen.get(pk, every))) for pk, email in users}


def _make_notices(drafts: list[Draft]) -> dict[str, int]:
    """Insert the notices not made before (the key is unique: a notice made by a run at the
    same time is left to it), and count the new ones per kind."""
    if not drafts:
        return {}
    content_types = {}
    for draft in drafts:
        model = type(draft.record)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model)

    def key(recipient_id, kind, content_type_id, object_id, occasion):
        return (recipient_id, kind, content_type_id, str(object_id), occasion)

    wanted = {}
    for draft in drafts:
        k = key(
            draft.recipient_id,
            draft.kind,
            content_types[type(draft.record)].pk,
            draft.record.pk,
            draft.occasion,
        )
        wanted.setdefault(k, draft)
    existing = set(
        Notice.objects.filter(
            recipient_id__in={k[0] for k in wanted},
            kind__in={k[1] for k in wanted},
            occasion__in={k[4] for k in wanted},
        ).values_list("recipient_id", "kind", "content_type_id", "object_id", "occasion")
    )
    email = _wants_email(wanted.values())
    new = []
    for k, draft in wanted.items():
        if k in existing:
            continue
        address, kinds = email.get(draft.recipient_id, ("", frozenset()))
        new.append(
            Notice(
                recipient_id=draft.recipient_id,
                kind=draft.kind,
                title=draft.title[:255],
                text=draft.text,
                content_type_id=k[2],
                object_id=k[3],
                link_name=draft.link_name,
                link_query=draft.link_query,
                occasion=draft.occasion,
                by_email=bool(address) and draft.kind in kinds,
            )
        )
    Notice.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    counts: dict[str, int] = {}
    for notice in new:
        counts[notice.kind] = counts.get(notice.kind, 0) + 1
    return counts


def enqueue_emails(limit: int = 10_000) -> int:
    """Hand the notices still to be e-mailed to the task worker (each is sent once: the task
    checks and marks `emailed_at`). Without a worker the tasks run at once."""
    from dangbo.notices.tasks import send_notice_email

    ids = list(
        Notice.objects.filter(by_email=True, emailed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        send_notice_email.enqueue(pk)
    return len(ids)


# --- a user's own notices ---------------------------------------------------------------------


@transaction.atomic
def notice_mark_read(*, actor, notice_id: int, source=audit.SOURCE_SCREEN) -> Notice:
    """Mark one of the actor's notices read (another's is not found: nothing is said of it)."""
    notice = notice_policy.visible(actor).select_for_update().filter(pk=notice_id).first()
    if notice is None:
        raise Notice.DoesNotExist
    if notice.read_at is None:
        records.update(notice, {"read_at": timezone.now()}, actor=actor, source=source)
    return notice


@transaction.atomic
def notices_mark_all_read(*, actor, source=audit.SOURCE_SCREEN) -> int:
    """Mark every unread notice of the actor read; returns how many."""
    now = timezone.now()
    unread = list(notice_policy.visible(actor).select_for_update().filter(read_at__isnull=True))
    for notice in unread:
        records.update(notice, {"read_at": now}, actor=actor, source=source)
    return len(unread)


@transaction.atomic
def preference_set(
    *, actor, email_kinds: Iterable[str], source=audit.SOURCE_SCREEN
) -> NoticePreference:
    """Choose which kinds of notice also reach the actor by e-mail."""
    kinds = sorted(set(email_kinds))
    unknown = [k for k in kinds if k not in NoticeKind.values]
    if unknown:
        raise InputError(
            [Problem("email_kinds", _("Unknown kind of notice: %s") % ", ".join(unknown))]
        )
    if not getattr(actor, "pk", None):
        raise InputError([Problem("", _("Only a signed-in user has notice preferences."))])
    current = NoticePreference.objects.select_for_update().filter(user=actor).first()
    if current is None:
        return records.create(
            NoticePreference(user=actor, email_kinds=kinds), actor=actor, source=source
        )
    return records.update(current, {"email_kinds": kinds}, actor=actor, source=source)
