"""The Redis queue (DANGBO_TASKS_BACKEND=rq): real rq workers run the back office's check
and import against the Redis of 127.0.0.1:6379 (CI starts it, .ci/run), and a job whose
worker dies is run again (dangbo/worker/rq.py), while a task's own error is not."""

import os
import signal

import pytest
import redis

from tests.ci import unavailable
from tests.worker.conftest import (
    REDIS_TEST_URL,
    import_is_writing,
    kill_with_children,
    wait_for,
)


@pytest.fixture
def rq_site(site):
    connection = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        unavailable("Redis is not running on 127.0.0.1:6379")
    connection.flushdb()  # database 14: the worker tests' own
    site.backend = "rq"
    yield site
    connection.flushdb()


def test_an_rq_worker_checks_and_imports_an_upload(rq_site, tmp_path):
    site = rq_site
    dataset = site.do("write_people", tmp_path / "upload" / "dataset", 20)
    check = site.do("queue_check", "office_a", dataset)
    assert site.do("run", check)["status"] == "queued"
    assert site.do("health")["queue_length"] == 1

    site.run_worker_until_idle()
    checked = site.do("run", check)
    assert checked["status"] == "previewed", checked
    assert checked["people"] == 0

    queued = site.do("queue_import", "office_a", check)
    site.run_worker_until_idle()
    imported = site.do("run", queued["run"])
    assert imported["status"] == "done", imported
    assert imported["people"] == 20
    assert imported["locks_held"] == 0
    assert site.do("health")["queue_length"] == 0


def test_a_job_whose_work_horse_is_killed_is_run_again_at_once(rq_site, tmp_path):
    """The out-of-memory killer's case: the process running the job dies, its worker lives."""
    site = rq_site
    started, go = tmp_path / "started", tmp_path / "go"
    task_id = site.do("enqueue", "write_then_wait", "KILLED-1", started, go)
    assert site.do("rq_job", task_id)["retries_left"] == 2  # DANGBO_TASK_MAX_ATTEMPTS 3 in all
    worker = site.start("rqworker", "default", "--burst")

    def horse() -> int:
        return started.exists() and started.read_text().isdigit() and int(started.read_text())

    first = wait_for(horse, "the job to start")
    started.unlink()
    os.kill(first, signal.SIGKILL)
    second = wait_for(horse, "the job to start again")
    assert second != first
    assert site.do("units", "KILLED-") == 0  # the killed try's transaction died with it

    go.touch()
    assert worker.wait(timeout=120) == 0, worker.stdout.read()
    assert site.do("rq_job", task_id) == {"status": "finished", "retries_left": 1}
    assert site.do("units", "KILLED-") == 1


def test_an_import_whose_whole_worker_is_killed_writes_nothing_and_completes_later(
    rq_site, tmp_path
):
    """The machine's case: the worker and its work horse die together (SIGKILL to both)."""
    site = rq_site
    rows = 40_000
    dataset = site.do("write_people", tmp_path / "upload" / "dataset", rows)
    check = site.do("queue_check", "office_a", dataset)
    site.run_worker_until_idle()
    queued = site.do("queue_import", "office_a", check)["run"]

    worker = site.start("rqworker", "default")
    wait_for(lambda: import_is_writing(site, queued), "the import to be writing")
    kill_with_children(worker.pid)
    worker.wait()
    killed = site.do("run", queued)
    assert killed["status"] == "running" and killed["people"] == 0  # nothing half-written
    assert killed["locks_held"] == 1  # its units stay held until it has run

    # No live worker hands the job back before its heartbeat has lapsed: a worker now finds
    # nothing to do, and the import is still held.
    site.run_worker_until_idle()
    assert site.do("run", queued)["status"] == "running"
    assert site.do("rq_heartbeats_lapse") == {"queued": 1}
    site.run_worker_until_idle()
    done = site.do("run", queued)
    assert done["status"] == "done", done
    assert done["people"] == rows
    assert done["locks_held"] == 0


def test_a_task_that_raises_is_failed_and_not_run_again(rq_site, tmp_path):
    site = rq_site
    tries = tmp_path / "tries"
    task_id = site.do("enqueue", "fail", tries)
    site.run_worker_until_idle()
    assert tries.read_text() == "try\n"
    assert site.do("rq_job", task_id)["status"] == "failed"
