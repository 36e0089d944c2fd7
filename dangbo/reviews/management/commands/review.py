"""`dangbo review NAME [options] [--json]`: a review's findings, as JSON or a table."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.org.scope import OPERATOR
from dangbo.reviews.options import add_arguments
from dangbo.reviews.registry import REVIEWS
from dangbo.reviews.table import render_table


class Command(BaseCommand):
    help = _("Run a review and print its findings (a table, or JSON with --json).")

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="review", required=True, metavar="NAME")
        for review in sorted(REVIEWS.values(), key=lambda r: r.name):
            sub = subparsers.add_parser(review.name, help=str(review.help))
            add_arguments(sub, review.options)
            sub.add_argument("--json", action="store_true", help=_("print JSON (INTERCHANGE.md)"))
            sub.add_argument(
                "--user",
                help=_("act as this user: only their unit's subtree (default: everything)"),
            )

    def handle(self, *args, **options):
        review = REVIEWS[options["review"]]
        user = self._user(options.get("user"))
        if not review.visible_to(user):
            raise CommandError(
                _("%(user)s may not see this review.") % {"user": options.get("user")}
            )
        rows = review.run(user=user, options=options)
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_table(review.columns(rows), rows))

    def _user(self, username):
        if not username:
            return OPERATOR
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(_("No active user named %(name)s.") % {"name": username}) from None
