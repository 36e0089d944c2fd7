"""Two checks of pass 1 at once: the posts file is checked on a second core while this
process checks the people file (they need nothing of each other until the posts' people
are looked up, which follows both).

The second check runs in a forked copy of this process, which has the unit tree and the
rest of pass 1's state already; it sends back what it adds to the report. It must not use
the database (the connection belongs to this process): a query there fails the import
instead of sharing the connection. Without fork (Windows), or in a process with other
threads (the web server), where forking is unsafe, the two checks run one after the other.
"""

import os
import pickle
import threading
import traceback
from collections.abc import Callable

from django.db import connection


class BesideError(RuntimeError):
    """The check beside failed; its traceback is the message."""


def _no_database(execute, sql, params, many, context):
    raise BesideError("The check beside the people file may not query the database.")


def _can_fork() -> bool:
    # A fork copies this thread only: a lock another thread holds would stay held forever
    # in the copy.
    return hasattr(os, "fork") and threading.active_count() == 1


def run_beside(main: Callable[[], None], beside: Callable[[], object]) -> object:
    """Run `main` here and `beside` at the same time on another core; `beside`'s result.

    `beside` returns what the caller needs of its work (picklable); anything else it
    changes stays in the forked process.
    """
    if not _can_fork():
        main()
        return beside()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: check, send the result, leave without running any cleanup
        os.close(read_end)
        try:
            with connection.execute_wrapper(_no_database):
                payload = ("ok", beside())
        except BaseException:  # noqa: BLE001 - every failure goes back to the parent
            payload = ("failed", traceback.format_exc())
        with os.fdopen(write_end, "wb") as out:
            pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
        os._exit(0)
    os.close(write_end)
    try:
        main()
    finally:
        # Read before waiting: a large result fills the pipe until it is read.
        with os.fdopen(read_end, "rb") as answer:
            try:
                status, result = pickle.load(answer)
            except EOFError:
                status, result = "failed", "The check beside ended without an answer."
        os.waitpid(pid, 0)
    if status != "ok":
        raise BesideError(result)
    return result
