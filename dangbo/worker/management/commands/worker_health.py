"""`dangbo worker_health`: the workers' heartbeats and the queue's length, as JSON; exits 1
when no worker is alive (for a monitoring check)."""

import json

from django.core.management.base import BaseCommand, CommandError

from dangbo.worker.health import worker_state


class Command(BaseCommand):
    help = "Report the task workers' last heartbeat and the queue's length (JSON)."

    def handle(self, *args, **options):
        state = worker_state()
        self.stdout.write(json.dumps(state, ensure_ascii=False, indent=2))
        if not state["ok"]:
            raise CommandError("no task worker is alive")
