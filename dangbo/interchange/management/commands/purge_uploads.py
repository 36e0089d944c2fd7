"""`dangbo purge_uploads`: remove the uploads stored longer than DANGBO_UPLOAD_KEEP_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dangbo.interchange.uploads import purge_uploads


class Command(BaseCommand):
    help = "Remove uploaded datasets stored longer than DANGBO_UPLOAD_KEEP_DAYS days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help="keep the uploads of the last DAYS days (default: DANGBO_UPLOAD_KEEP_DAYS)",
        )

    def handle(self, *args, days, **options):
        days = settings.DANGBO_UPLOAD_KEEP_DAYS if days is None else days
        removed = purge_uploads(days=days)
        self.stdout.write(
            _("%(count)d upload(s) older than %(days)d day(s) removed.")
            % {"count": removed, "days": days}
        )
