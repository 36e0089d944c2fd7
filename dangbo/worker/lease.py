"""A worker's lease: held by a live worker process for its whole life, and let go by the
operating system the moment the process dies, SIGKILL included, so that another worker can
tell a dead worker's task from a long one without any timeout.

PostgreSQL: a session-level advisory lock on a connection of the worker's own; the server
drops it when that connection closes, which the kernel does when the process dies (several
machines: see docs/operations.md on TCP keepalives). Other databases (SQLite, one machine):
an flock() on a file under DATA_DIR/workers, released by the kernel in the same way.
"""

import fcntl
import hashlib
from pathlib import Path

from django.conf import settings
from django.db import connection, connections


def _key(worker_id: str) -> int:
    digest = hashlib.blake2b(f"dangbo-worker:{worker_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class Lease:
    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self._held = None

    def acquire(self) -> None:
        raise NotImplementedError

    def release(self) -> None:
        raise NotImplementedError

    def held(self) -> bool:
        """Still held? (A PostgreSQL restart drops the lease with the connection.)"""
        return self._held is not None


class AdvisoryLease(Lease):
    def acquire(self) -> None:
        own = connections.create_connection("default")
        with own.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_key(self.worker_id)])
        self._held = own

    def release(self) -> None:
        if self._held is not None:
            self._held.close()  # the server lets the lock go with the session
            self._held = None

    def held(self) -> bool:
        if self._held is None:
            return False
        try:
            with self._held.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception:  # noqa: BLE001 - a lost connection is a lost lease
            return False
        return True


class FileLease(Lease):
    def acquire(self) -> None:
        path = lease_file(self.worker_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a")  # noqa: SIM115 - held open for the worker's life
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._held = handle

    def release(self) -> None:
        if self._held is not None:
            lease_file(self.worker_id).unlink(missing_ok=True)
            self._held.close()
            self._held = None


def lease_file(worker_id: str) -> Path:
    return Path(settings.DATA_DIR) / "workers" / f"{_key(worker_id) & 0xFFFFFFFFFFFFFFFF:016x}.lock"


def lease_for(worker_id: str) -> Lease:
    if connection.vendor == "postgresql":
        return AdvisoryLease(worker_id)
    return FileLease(worker_id)


def is_alive(worker_id: str) -> bool:
    """Does a live process hold this worker's lease?"""
    if connection.vendor == "postgresql":
        key = _key(worker_id)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            (taken,) = cursor.fetchone()
            if taken:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return not taken
    path = lease_file(worker_id)
    try:
        handle = open(path)  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def forget(worker_id: str) -> None:
    """Remove a dead worker's lease file (nothing to do on PostgreSQL)."""
    if connection.vendor != "postgresql":
        lease_file(worker_id).unlink(missing_ok=True)
