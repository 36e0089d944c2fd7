"""`dangbo backup PATH`: the whole database (users and audit log included) into one file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.core.backup import BackupError, backup
from dangbo.core.management.commands._backup_report import key_counts, summary, table_lines


class Command(BaseCommand):
    help = _(
        "Back up the whole database into PATH, while the app runs (SQLite: online backup; "
        "PostgreSQL: pg_dump in custom format). Check it with `dangbo restore --check PATH`."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("the backup file to write"))
        parser.add_argument("--database", default="default", help=_("database alias"))

    def handle(self, *args, path, database, verbosity, **options):
        try:
            info = backup(path, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(_("Backup written.")) + " " + summary(info))
        self.stdout.write("  " + key_counts(info))
        if verbosity > 1:
            self.stdout.write("\n".join(table_lines(info)))
