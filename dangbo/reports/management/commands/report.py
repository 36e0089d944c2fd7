"""`dangbo report NAME --user USERNAME --unit CODE [options] --out FILE.docx|FILE.xlsx`.

`.docx` issues the document through the same service as the back office (numbered, in the
register, the issuer profile remembered); `.xlsx` writes its tables only (nothing
registered). The options are the kind's (the reviews' own flags, as `dangbo review`); the
issue's fields default to the unit's issuer profile. Bad input: the problems, exit 2.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.core import audit
from dangbo.core.dates import parse_user_date
from dangbo.core.errors import InputError
from dangbo.org.models import Unit
from dangbo.reports.kinds import KINDS, kind_visible_to
from dangbo.reports.models import IssuedDocument, IssuerProfile
from dangbo.reports.profiles import header_defaults
from dangbo.reports.selectors import profile_of
from dangbo.reports.services import document_issue
from dangbo.reports.xlsx import render_xlsx
from dangbo.reviews.options import add_arguments

BAD_INPUT = 2

# flag -> the issue field it sets
ISSUE_FLAGS = {
    "--superior-body": "superior_body",
    "--issuing-body": "issuing_body",
    "--abbreviation": "abbreviation",
    "--author": "author",
    "--place": "place",
    "--on-behalf": "on_behalf",
    "--signer-title": "signer_title",
    "--signer": "signer_name",
    "--replaces": "replaces",
}


def _field_words(dest: str):
    """The flag's help: the register's own words for the field."""
    return (
        IssuedDocument._meta.get_field(dest).verbose_name
        if dest == "replaces"
        else (IssuerProfile._meta.get_field(dest).verbose_name)
    )


class Command(BaseCommand):
    help = _("Make a document (.docx, registered and numbered) or its tables (.xlsx).")

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="kind", required=True, metavar="NAME")
        for kind in KINDS.values():
            sub = subparsers.add_parser(kind.name, help=str(kind.title))
            add_arguments(sub, kind.options)
            for option in kind.extra_options.values():
                option.add(sub, option.flag)
            sub.add_argument("--user", required=True, help=_("act as this user"))
            sub.add_argument("--unit", required=True, help=_("the issuing unit's code"))
            sub.add_argument("--out", required=True, help=_("FILE.docx or FILE.xlsx"))
            sub.add_argument(
                "--date", type=parse_user_date, help=_("the document's date (default: today)")
            )
            sub.add_argument(
                "--recipient",
                action="append",
                dest="recipients",
                help=_("a recipient (repeat the flag for each)"),
            )
            sub.add_argument(
                "--term-started-on",
                type=parse_user_date,
                help=str(IssuerProfile._meta.get_field("term_started_on").verbose_name),
            )
            for flag, dest in ISSUE_FLAGS.items():
                sub.add_argument(flag, dest=dest, help=str(_field_words(dest)))

    def handle(self, *args, **options):
        kind = KINDS[options["kind"]]
        user = self._user(options["user"])
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(
                _("No unit with code %(code)s.") % {"code": options["unit"]}, returncode=BAD_INPUT
            )
        out = Path(options["out"])
        if out.suffix.lower() not in (".docx", ".xlsx"):
            raise CommandError(_("--out must end in .docx or .xlsx."), returncode=BAD_INPUT)
        if not kind_visible_to(user, kind):
            raise CommandError(
                _("%(user)s may not read the records this document shows.")
                % {"user": options["user"]}
            )
        try:
            if out.suffix.lower() == ".xlsx":
                content = kind.build(user=user, unit=unit, options=options)
                out.write_bytes(render_xlsx(content))
                self.stdout.write(_("Tables written to %(file)s.") % {"file": out})
                return
            issued = document_issue(
                actor=user,
                kind=kind,
                unit=unit,
                options=options,
                data=self._issue_data(unit, options),
                source=audit.SOURCE_COMMAND,
            )
        except InputError as error:
            lines = [f"{p.field}: {p.message}" for p in error.problems]
            raise CommandError("\n".join(lines), returncode=BAD_INPUT) from None
        except PermissionError as error:
            raise CommandError(str(error)) from None
        out.write_bytes(bytes(issued.docx))
        self.stdout.write(
            _("Issued Số %(number)s, written to %(file)s.")
            % {"number": issued.number_text, "file": out}
        )

    def _issue_data(self, unit, options) -> dict:
        """The issue's fields: the flags given, else the unit's profile, else its names."""
        from django.utils import timezone

        profile = profile_of(unit)
        data = {}
        for dest in ISSUE_FLAGS.values():
            given = options.get(dest)
            if given is None and profile is not None and hasattr(profile, dest):
                given = getattr(profile, dest)
            data[dest] = given or ""
        for key, value in header_defaults(unit).items():
            data[key] = data[key] or value
        recipients = options.get("recipients")
        if recipients is None and profile is not None:
            recipients = [r for r in profile.recipients.splitlines() if r.strip()]
        data["recipients"] = recipients or []
        data["issued_on"] = options.get("date") or timezone.localdate()
        data["term_started_on"] = options.get("term_started_on")
        return data

    def _user(self, username):
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(
                _("No active user named %(name)s.") % {"name": username}, returncode=BAD_INPUT
            ) from None
