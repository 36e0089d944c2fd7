"""Two issues at once never take the same number: the counter row is locked while a number is
taken. SQLite has no row locks (it locks the whole database); this runs on PostgreSQL (CI)."""

import threading

import pytest
from django.db import connection, connections, transaction

from dangbo.org.models import Unit
from dangbo.reports.services import next_number


@pytest.mark.django_db(transaction=True)
def test_concurrent_numbers_are_distinct():
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) need PostgreSQL")
    unit = Unit.objects.create(code="HU-LOCK", name="Huyện ủy thử", kind="district_committee")
    taken, errors = [], []
    start = threading.Barrier(4)

    def take():
        try:
            start.wait()
            for _ in range(5):
                with transaction.atomic():
                    taken.append(next_number(unit=unit, doc_type="BC", term="2020-2025"))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(taken) == list(range(1, 21))
