"""The database queue's worker, as real processes: it runs the back office's imports,
one thread (so the import's check beside can fork), and a worker killed with SIGKILL in the
middle of a task leaves nothing half-done; the task completes when a worker runs again."""

import json
import signal

from tests.worker.conftest import import_is_writing, wait_for


def test_the_worker_checks_and_imports_an_upload(site, tmp_path):
    dataset = site.do("write_people", tmp_path / "upload" / "dataset", 50)
    check = site.do("queue_check", "office_a", dataset)
    assert site.do("run", check)["status"] == "queued"  # nothing runs without a worker

    site.run_worker_until_idle()
    checked = site.do("run", check)
    assert checked["status"] == "previewed", checked
    assert checked["counts"]["people"]["created"] == 50
    assert checked["people"] == 0  # a check writes nothing

    queued = site.do("queue_import", "office_a", check)
    site.run_worker_until_idle()
    imported = site.do("run", queued["run"])
    assert imported["status"] == "done", imported
    assert imported["people"] == 50
    assert imported["locks_held"] == 0


def test_a_worker_killed_in_a_task_leaves_nothing_and_the_task_completes_later(site, tmp_path):
    started, go = tmp_path / "started", tmp_path / "go"
    task_id = site.do("enqueue", "write_then_wait", "KILLED-1", started, go)
    first = site.worker()
    wait_for(started.exists, "the task to start")

    first.send_signal(signal.SIGKILL)
    first.wait()
    assert site.do("units", "KILLED-") == 0  # its transaction died with it
    assert site.do("task", task_id)["status"] == "RUNNING"  # as django-tasks-db leaves it

    go.touch()
    site.run_worker_until_idle()  # a new worker finds the dead one's task and runs it
    done = site.do("task", task_id)
    assert done["status"] == "SUCCESSFUL"
    assert len(done["worker_ids"]) == 2
    assert site.do("units", "KILLED-") == 1


def test_a_live_workers_task_is_not_taken_from_it(site, tmp_path):
    started, go = tmp_path / "started", tmp_path / "go"
    task_id = site.do("enqueue", "wait_then_write", "LONG-1", started, go)
    busy = site.worker()
    wait_for(started.exists, "the task to start")
    site.run_worker_until_idle()  # another worker: the long task is its owner's
    running = site.do("task", task_id)
    assert running["status"] == "RUNNING"
    assert len(running["worker_ids"]) == 1
    go.touch()
    wait_for(lambda: site.do("task", task_id)["status"] == "SUCCESSFUL", "the task to end")
    assert site.do("units", "LONG-") == 1
    busy.send_signal(signal.SIGTERM)
    assert busy.wait(timeout=60) == 0


def test_the_worker_runs_tasks_in_one_thread(site):
    task_id = site.do("enqueue", "threads")
    site.run_worker_until_idle()
    done = site.do("task", task_id)
    assert done["status"] == "SUCCESSFUL"
    assert done["return_value"] == 1


def test_two_imports_into_the_same_units_at_once_the_second_is_refused(site, tmp_path):
    """Two processes (two app servers) at the same moment: the second waits for the first's
    transaction and then sees its hold; it never holds the same units beside it."""
    held, go = tmp_path / "held", tmp_path / "go"
    first = site.start_scenario("hold_scope", "office_a", tmp_path, held, go)
    wait_for(held.exists, "the first import to hold its units")
    second = site.start_scenario("take_scope", "office_hu")  # the district holds commune A
    go.touch()
    assert first.wait(timeout=120) == 0, first.stderr.read()
    assert second.wait(timeout=120) == 0, second.stderr.read()
    held_run = json.loads(first.stdout.read().strip().splitlines()[-1])
    refused = json.loads(second.stdout.read().strip().splitlines()[-1])
    assert held_run["held"] is True
    assert refused["refused_by"] == held_run["run"]
    # A commune beside it is not in the way.
    assert site.do("take_scope", "office_b") == {"refused_by": None}


def test_an_import_killed_while_writing_writes_nothing_and_completes_later(site, tmp_path):
    rows = 40_000
    dataset = site.do("write_people", tmp_path / "upload" / "dataset", rows)
    check = site.do("queue_check", "office_a", dataset)
    site.run_worker_until_idle()
    queued = site.do("queue_import", "office_a", check)["run"]
    first = site.worker()
    wait_for(lambda: import_is_writing(site, queued), "the import to be writing")
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed = site.do("run", queued)
    assert killed["status"] == "running" and killed["people"] == 0  # nothing half-written
    assert killed["locks_held"] == 1  # its units stay held until it has run

    site.run_worker_until_idle()
    done = site.do("run", queued)
    assert done["status"] == "done", done
    assert done["people"] == rows
    assert done["locks_held"] == 0
