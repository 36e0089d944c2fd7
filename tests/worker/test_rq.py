"""The Redis queue (DANGBO_TASKS_BACKEND=rq): a real rq worker runs the back office's check
and import against the Redis of 127.0.0.1:6379 (CI starts it, .ci/run)."""

import subprocess
import sys

import pytest
import redis

from tests.ci import unavailable
from tests.worker.conftest import REDIS_TEST_URL, ROOT, WAIT_LIMIT


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


def _burst(site) -> str:
    """An rq worker that runs what is queued and stops."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dangbo",
            "rqworker",
            "default",
            "--burst",
            "--job-class",
            "django_tasks_rq.Job",
        ],
        env=site.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT_LIMIT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_an_rq_worker_checks_and_imports_an_upload(rq_site, tmp_path):
    site = rq_site
    dataset = site.do("write_people", tmp_path / "upload" / "dataset", 20)
    check = site.do("queue_check", "office_a", dataset)
    assert site.do("run", check)["status"] == "queued"
    assert site.do("health")["queue_length"] == 1

    _burst(site)
    checked = site.do("run", check)
    assert checked["status"] == "previewed", checked
    assert checked["people"] == 0

    queued = site.do("queue_import", "office_a", check)
    _burst(site)
    imported = site.do("run", queued["run"])
    assert imported["status"] == "done", imported
    assert imported["people"] == 20
    assert imported["locks_held"] == 0
    assert site.do("health")["queue_length"] == 0
