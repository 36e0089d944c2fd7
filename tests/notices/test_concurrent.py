"""Two schedules at once (two servers' timers) have the effect of one (PostgreSQL: its
advisory lock; SQLite writes one transaction at a time and is run by one server)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from dangbo.notices.models import Notice, ScheduleDay
from dangbo.notices.services import schedule_run

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL (CI runs it)"
)


def test_two_runs_at_once_have_one_effect(transactional_db, office):
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            schedule_run(day=date(2019, 9, 20))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ScheduleDay.objects.count() == 1
    assert Notice.objects.count() == 2
