"""`dangbo import PATH`: load a dataset (a folder of CSV files or an .xlsx workbook)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.interchange.management import actor_named
from dangbo.interchange.progress import Progress
from dangbo.interchange.report import format_counts, format_errors, format_preview
from dangbo.interchange.services import import_dataset

EXIT_REJECTED = 1
EXIT_PARTIAL = 2


class Command(BaseCommand):
    help = "Import a dataset: a folder of CSV files or an .xlsx workbook (docs/interchange.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a folder of CSV files, or an .xlsx workbook")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--partial", action="store_true", help="write the good rows, report the others"
        )
        parser.add_argument("--user", help="act as this user: only their subtree may change")
        parser.add_argument("--quiet", action="store_true", help="no progress on stderr")

    def handle(self, *args, path, dry_run, partial, user, quiet, **options):
        actor = actor_named(user)
        target = Path(path)
        if not target.exists():
            raise CommandError(_("%(path)s does not exist.") % {"path": path})
        result = import_dataset(
            target,
            actor=actor,
            dry_run=dry_run,
            partial=partial,
            progress=Progress(None if quiet else self.stderr),
        )
        report = result.report
        if report.errors or report.warnings:
            self.stderr.write(format_errors(report))
        if report.counts:
            self.stdout.write(format_counts(report))
        if dry_run and result.run.preview:
            self.stdout.write(format_preview(result.run))
        if report.errors and not report.written and not (dry_run and partial):
            raise CommandError(
                _("%(count)d problem(s) found; nothing was written.")
                % {"count": len(report.errors)},
                returncode=EXIT_REJECTED,
            )
        if report.errors:
            raise CommandError(
                _("%(count)d problem(s): the rows listed above were not written.")
                % {"count": len(report.errors)},
                returncode=EXIT_PARTIAL,
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
