"""`dangbo demo`: migrate, load the Tân Kỳ sample, create the demo logins, and serve."""

from pathlib import Path

from django.conf import settings as django_settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dangbo.core.models import RuleSettings
from dangbo.demo.lists import ensure_demo_published_lists
from dangbo.demo.portal import ensure_demo_portal
from dangbo.demo.users import DEMO_PASSWORD, ensure_demo_users
from dangbo.worker.processes import dangbo_command, run_together

DATA = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = _("Load the Tân Kỳ demo (running it again changes nothing) and serve it.")

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help=_("load without serving"))
        parser.add_argument("--addr", default="127.0.0.1:8000", help=_("address to serve on"))

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        # Pages whose publication was scheduled for a time now past (docs/portal.md: a
        # server runs this every few minutes).
        call_command("publish_scheduled", stdout=self.stdout)
        self.stdout.write(_("Loading the Tân Kỳ demo dataset from %(path)s …") % {"path": DATA})
        call_command("import", str(DATA), stdout=self.stdout, stderr=self.stderr)
        settings = RuleSettings.load()
        settings.tenure_include_deputies = True  # the Tân Kỳ practice: "kể cả cấp phó"
        settings.save()
        logins = ensure_demo_users()
        board_site, commune_site = ensure_demo_portal()
        ensure_demo_published_lists()

        base = f"http://{options['addr']}"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("The Tân Kỳ demo is ready.")))
        self.stdout.write(_("  Back office:   %(url)s/admin/") % {"url": base})
        self.stdout.write(
            _("  Sub-sites:     %(board)s (%(board_name)s), %(commune)s (%(commune_name)s)")
            % {
                "board": board_site.root_url + "/",
                "board_name": board_site.site_name,
                "commune": commune_site.root_url + "/",
                "commune_name": commune_site.site_name,
            }
        )
        self.stdout.write(_("  Tenure review: %(url)s/admin/reviews/tenure/") % {"url": base})
        self.stdout.write(_("Demo logins (password for all: %(pw)s):") % {"pw": DEMO_PASSWORD})
        for login in logins:
            self.stdout.write(f"  {login.username:<15} {login.description}")
        if options["no_serve"]:
            return
        self.stdout.write(_("Serving on %(url)s — press Ctrl+C to stop.") % {"url": base})
        code = run_together(demo_processes(options["addr"]), say=self.stderr.write)
        if code:
            raise SystemExit(code)


def demo_processes(addr: str) -> list[tuple[str, list[str]]]:
    """The web server, the task worker of the configured queue, and the daily schedule
    when this installation has that command."""
    processes = [("web", dangbo_command("runserver", addr, "--noreload", "--insecure"))]
    backend = django_settings.DANGBO_TASKS_BACKEND
    if backend == "database":
        processes.append(("worker", dangbo_command("db_worker", "--no-startup-delay")))
    elif backend == "rq":
        processes.append(("worker", dangbo_command("rqworker", "default")))
    if "schedule" in get_commands():
        processes.append(("schedule", dangbo_command("schedule", "--every", "300")))
    return processes
