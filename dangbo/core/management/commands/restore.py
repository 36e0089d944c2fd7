"""`dangbo restore PATH`: replace the database by a backup; `--check` only reads the backup."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _

from dangbo.core.backup import BackupError, inspect, restore
from dangbo.core.management.commands._backup_report import key_counts, summary, table_lines


class Command(BaseCommand):
    help = _(
        "Restore a backup made by `dangbo backup` into the database (which must be empty "
        "unless --force), or, with --check, report its tables and rows without restoring."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("the backup file"))
        parser.add_argument(
            "--check",
            action="store_true",
            help=_("open the backup and list its tables and rows; change nothing"),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("replace a database that is not empty (everything in it is lost)"),
        )
        parser.add_argument("--database", default="default", help=_("database alias"))

    def handle(self, *args, path, check, force, database, verbosity, **options):
        try:
            info = inspect(path) if check else restore(path, alias=database, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if check:
            self.stdout.write(summary(info))
            self.stdout.write("\n".join(table_lines(info)))
            self.stdout.write(self.style.SUCCESS(_("The backup can be read.")))
            return
        self.stdout.write(
            self.style.SUCCESS(_("Restored into %(name)s.") % {"name": _target(database)})
            + " "
            + summary(info)
        )
        self.stdout.write("  " + key_counts(info))
        if verbosity > 1:
            self.stdout.write("\n".join(table_lines(info)))
        for note in info.notes:
            self.stdout.write(self.style.WARNING(note))


def _target(alias: str) -> str:
    settings_dict = connections[alias].settings_dict
    host = settings_dict.get("HOST")
    return f"{settings_dict['NAME']}" + (f" @ {host}" if host else "")
