"""`dangbo export PATH`: write the dataset to a folder of CSV files or an .xlsx workbook."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.interchange.exporters import export_dataset
from dangbo.interchange.management import actor_named
from dangbo.interchange.template import write_template


class Command(BaseCommand):
    help = "Export the dataset to a folder of CSV files, or to PATH.xlsx (docs/interchange.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="a folder, or a file name ending .xlsx")
        parser.add_argument("--user", help="export only what this user may see")
        parser.add_argument(
            "--vietnamese",
            action="store_true",
            help="Vietnamese sheet names, headers and labels (the default is the keys format)",
        )
        parser.add_argument(
            "--template",
            metavar="PATH.xlsx",
            help="write the template workbook (Vietnamese sheets, headers, lists, an example)",
        )

    def handle(self, *args, path, user, template, vietnamese, **options):
        if template:
            if path:
                raise CommandError(_("Give either a PATH or --template, not both."))
            if not template.lower().endswith(".xlsx"):
                raise CommandError(_("The template is an .xlsx workbook: its name ends .xlsx."))
            write_template(Path(template))
            self.stdout.write(_("Template written to %(path)s.") % {"path": template})
            return
        if not path:
            raise CommandError(_("Give the PATH to export to (a folder, or a file ending .xlsx)."))
        actor = actor_named(user)
        counts = export_dataset(Path(path), user=actor, vietnamese=vietnamese)
        for name, count in counts.items():
            self.stdout.write(_("%(file)s: %(count)d rows") % {"file": name, "count": count})
