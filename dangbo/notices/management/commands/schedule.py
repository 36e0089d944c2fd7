"""`dangbo schedule [--date D] [--every SECONDS]`: the daily schedule (docs/operations.md).

Run once a day by cron or a systemd timer; `--date` runs it for another day (the demo shows
time passing with it); `--every` runs it again and again, sleeping in between (the demo's
processes). Each run catches up on the days since the last day run, publishes the portal's
scheduled pages (Wagtail's `publish_scheduled`) and sends the notices' e-mails.
"""

import time
from datetime import date
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dangbo.notices.models import NoticeKind
from dangbo.notices.services import schedule_run
from dangbo.rules.schedule import CATCH_UP_DAYS


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("The date %(value)s is not a date: write it YYYY-MM-DD, e.g. 2019-09-20.")
            % {"value": text}
        ) from None


class Command(BaseCommand):
    help = _(
        "Run the daily schedule: reminders, overdue notices, expiries, rotations, tenures, "
        "the half-year discipline lists, scheduled pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help=_("the day to run for, YYYY-MM-DD (default: today)"))
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help=_("run again every SECONDS seconds, for today (until stopped)"),
        )
        parser.add_argument(
            "--catch-up",
            type=int,
            default=CATCH_UP_DAYS,
            metavar="DAYS",
            help=_("catch up on at most this many days since the last day run (default 366)"),
        )

    def handle(self, *args, **options):
        day = _day(options["date"]) if options.get("date") else None
        every = options.get("every")
        if every is not None and every < 1:
            raise CommandError(_("--every needs a number of seconds, at least 1."))
        if options["catch_up"] < 1:
            raise CommandError(_("--catch-up needs a number of days, at least 1."))
        while True:
            with translation.override(settings.LANGUAGE_CODE):
                self.run_once(day or timezone.localdate(), options["catch_up"])
            if every is None:
                return
            time.sleep(every)

    def run_once(self, day: date, cap: int) -> None:
        results = schedule_run(day=day, cap=cap)
        labels = dict(NoticeKind.choices)
        for result in results:
            parts = [f"{labels[kind]}: {n}" for kind, n in sorted(result.notices.items())]
            if result.expiries:
                parts.append(_("expiries recorded: %(n)d") % {"n": result.expiries})
            if result.lists:
                parts.append(_("lists drawn up: %(n)d") % {"n": result.lists})
            self.stdout.write(
                _("%(day)s: %(effects)s")
                % {
                    "day": result.day.strftime("%d/%m/%Y"),
                    "effects": "; ".join(parts) or _("nothing new"),
                }
            )
        out = StringIO()
        call_command("publish_scheduled", stdout=out)
        published = out.getvalue().strip()
        if published:
            self.stdout.write(published)
