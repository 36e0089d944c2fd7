"""The posts' check beside the people's: another process, its result, its failures."""

import os
import threading

import pytest

from dangbo.interchange.beside import BesideError, run_beside
from dangbo.people.models import Person


def test_the_check_beside_runs_in_another_process_at_the_same_time():
    order = []
    result = run_beside(lambda: order.append(os.getpid()), lambda: os.getpid())
    assert order == [os.getpid()]
    assert result != os.getpid()  # a forked copy (single-threaded here, on Linux)


def test_with_other_threads_the_checks_run_one_after_the_other():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        order = []
        result = run_beside(lambda: order.append("main"), lambda: order.append("beside") or 7)
    finally:
        stop.set()
        other.join()
    assert (order, result) == (["main", "beside"], 7)


def test_a_failure_beside_fails_the_caller_with_its_traceback():
    def fails():
        raise ValueError("ô hỏng")

    with pytest.raises(BesideError, match="ô hỏng"):
        run_beside(lambda: None, fails)


@pytest.mark.django_db
def test_the_check_beside_may_not_use_the_database():
    with pytest.raises(BesideError, match="may not query the database"):
        run_beside(lambda: None, lambda: Person.objects.count())
    assert Person.objects.count() == 0  # the connection here still works


def test_a_large_result_comes_back_whole():
    result = run_beside(lambda: None, lambda: ["x" * 100] * 100_000)
    assert len(result) == 100_000
