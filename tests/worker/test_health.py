"""/healthz for the web and the worker, `dangbo worker_health`, and the demo's processes
that start and stop together."""

import signal
import subprocess
import sys
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from dangbo.worker.lease import lease_for
from dangbo.worker.models import WorkerBeat
from dangbo.worker.processes import run_together

pytestmark = pytest.mark.django_db

DATABASE = {
    "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    "DANGBO_TASKS_BACKEND": "database",
}


def test_the_web_is_healthy_when_its_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "status": "ok"}


@override_settings(**DATABASE)
def test_without_a_live_worker_the_worker_check_fails(client):
    now = timezone.now()
    # A worker killed long ago: its row stays, its lease is gone.
    WorkerBeat.objects.create(
        worker_id="dead", hostname="h", pid=1, backend_name="default", started_at=now, beat_at=now
    )
    response = client.get("/healthz?worker=1")
    assert response.status_code == 503
    assert response.json()["worker"]["workers"] == []
    with pytest.raises(CommandError):
        call_command("worker_health", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_live_worker_and_the_queues_length_are_reported(client, settings, tmp_path):
    # All through pytest-django's `settings` (an override_settings decorator around it
    # would be undone in the wrong order and leak the database backend into later tests).
    for name, value in DATABASE.items():
        setattr(settings, name, value)
    settings.DATA_DIR = tmp_path
    from dangbo.interchange.tasks import check_upload

    check_upload.enqueue(0)
    worker_id = uuid.uuid4().hex
    lease = lease_for(worker_id)
    lease.acquire()
    try:
        now = timezone.now()
        WorkerBeat.objects.create(
            worker_id=worker_id,
            hostname="h",
            pid=1,
            backend_name="default",
            started_at=now,
            beat_at=now,
        )
        response = client.get("/healthz?worker=1")
    finally:
        lease.release()
    assert response.status_code == 200
    worker = response.json()["worker"]
    assert [w["worker_id"] for w in worker["workers"]] == [worker_id]
    assert worker["queue_length"] == 1
    assert worker["last_beat_age_seconds"] >= 0


def _sleeper() -> list[str]:
    return [sys.executable, "-c", "import time; time.sleep(600)"]


def test_when_one_process_ends_the_others_are_stopped():
    said = []
    code = run_together(
        [("web", _sleeper()), ("worker", [sys.executable, "-c", "raise SystemExit(3)"])],
        say=said.append,
    )
    assert code == 3  # returned: the sleeping web server was stopped, not waited for
    assert said == ["worker stopped (exit code 3); stopping the others."]


def test_sigterm_stops_every_process(tmp_path):
    script = tmp_path / "together.py"
    pids = tmp_path / "pids"
    script.write_text(
        "import sys, subprocess\n"
        "from dangbo.worker import processes\n"
        "real = subprocess.Popen\n"
        "def popen(*a, **k):\n"
        "    p = real(*a, **k)\n"
        f"    open({str(pids)!r}, 'a').write(f'{{p.pid}}\\n')\n"
        "    return p\n"
        "processes.subprocess.Popen = popen\n"
        f"sys.exit(processes.run_together([('a', {_sleeper()!r}), ('b', {_sleeper()!r})]))\n"
    )
    parent = subprocess.Popen([sys.executable, str(script)], cwd=str(tmp_path.parent))
    from tests.worker.conftest import wait_for

    wait_for(lambda: pids.exists() and len(pids.read_text().split()) == 2, "both children")
    parent.send_signal(signal.SIGTERM)
    assert parent.wait(timeout=60) == 0
    for pid in map(int, pids.read_text().split()):
        assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_the_demo_runs_the_worker_beside_the_web():
    from dangbo.demo.management.commands.demo import demo_processes

    with override_settings(**DATABASE):
        names = [name for name, _ in demo_processes("127.0.0.1:8000")]
    assert names[:2] == ["web", "worker"]
