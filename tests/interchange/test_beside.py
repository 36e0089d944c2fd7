"""The posts' check beside the people's: another process, its result, its failures; and an
import gives the same report either way."""

import os
import threading

import pytest

from dangbo.interchange import beside
from dangbo.interchange.beside import BesideError, run_beside
from dangbo.interchange.models import ImportRun
from dangbo.people.models import Person, Position
from tests.interchange.helpers import DATASET, run_import, write_dataset


@pytest.fixture
def fork(monkeypatch):
    """Fork even when the test session runs other threads (the browser tests' server)."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    monkeypatch.setattr(beside, "_can_fork", lambda: True)


@pytest.fixture
def no_fork(monkeypatch):
    monkeypatch.setattr(beside, "_can_fork", lambda: False)


def test_the_check_beside_runs_in_another_process(fork):
    order = []
    result = run_beside(lambda: order.append(os.getpid()), lambda: os.getpid())
    assert order == [os.getpid()]
    assert result != os.getpid()


def test_no_fork_while_other_threads_run():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not beside._can_fork()
    finally:
        stop.set()
        other.join()


def test_without_fork_the_checks_run_one_after_the_other(no_fork):
    order = []
    result = run_beside(lambda: order.append("main"), lambda: order.append("beside") or 7)
    assert (order, result) == (["main", "beside"], 7)


def test_a_failure_beside_fails_the_caller_with_its_traceback(fork):
    def fails():
        raise ValueError("ô hỏng")

    with pytest.raises(BesideError, match="ô hỏng"):
        run_beside(lambda: None, fails)


@pytest.mark.django_db
def test_the_check_beside_may_not_use_the_database(fork):
    with pytest.raises(BesideError, match="may not query the database"):
        run_beside(lambda: None, lambda: Person.objects.count())
    assert Person.objects.count() == 0  # the connection here still works


def test_a_large_result_comes_back_whole(fork):
    result = run_beside(lambda: None, lambda: ["x" * 100] * 100_000)
    assert len(result) == 100_000


BAD_POSITIONS = """person_code,unit_code,role,start_date,title,end_date
P1,XA,head,2015-01-01,Bí thư,2025-06-30
P9,XA,member,2015-01-01,,2020-01-01
P1,XZ,member,2015-01-01,,
P2,XN,deputy,2025-07-01,Phó Bí thư,
P2,XN,deputy,2025-07-01,Phó Bí thư,
"""


@pytest.mark.django_db
@pytest.mark.parametrize("forked", [False, True])
@pytest.mark.parametrize("partial", [False, True])
def test_an_import_reports_the_same_with_and_without_the_check_beside(
    tmp_path, monkeypatch, forked, partial
):
    if forked and not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    monkeypatch.setattr(beside, "_can_fork", lambda: forked)
    dataset = write_dataset(tmp_path, dict(DATASET, positions=BAD_POSITIONS))
    code, _out, _err = run_import(dataset, *(["--partial"] if partial else []))
    run = ImportRun.objects.get()
    assert code == (2 if partial else 1)
    assert sorted((e["row"], e["column"]) for e in run.errors) == [
        (3, "person_code"),  # unknown person: checked after both files
        (4, "unit_code"),  # unknown unit: checked beside
        (6, "start_date"),  # the same post twice: checked beside
    ]
    written = sorted(Position.objects.values_list("person__code", "unit__code", "role"))
    assert written == ([("P1", "XA", "head"), ("P2", "XN", "deputy")] if partial else [])
