"""Rows accepted by pass 1, kept on disk for pass 2, so that each file is parsed once.

Rows are tuples of str, int and None (dates as ISO text, which both databases take for a
date column), written with marshal in batches to an anonymous temporary file: memory stays
flat whatever the size of the file.
"""

import marshal
import struct
import tempfile

from dangbo.interchange.bulk import BATCH_SIZE

_LENGTH = struct.Struct("<Q")  # each batch: its length, then its marshal bytes


class Spool:
    def __init__(self, label: str):
        self.label = label  # for Progress, like a Sheet
        self.fraction_read = 0.0
        self.count = 0
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by rows()
        self._pending: list[tuple] = []

    def add(self, row: tuple) -> None:
        self._pending.append(row)
        if len(self._pending) >= BATCH_SIZE:
            self._dump()

    def _dump(self) -> None:
        if self._pending:
            data = marshal.dumps(self._pending)
            self._file.write(_LENGTH.pack(len(data)))
            self._file.write(data)
            self.count += len(self._pending)
            self._pending = []

    def flush(self) -> None:
        """Everything added so far is in the file (for another process to read)."""
        self._dump()
        self._file.flush()

    def scan(self):
        """Every row added so far, in order, leaving the spool to be read again by rows()."""
        self._dump()
        self._file.seek(0)
        while True:
            head = self._file.read(_LENGTH.size)
            if not head:
                break
            yield from marshal.loads(self._file.read(_LENGTH.unpack(head)[0]))
        self._file.seek(0, 2)

    def rows(self):
        """Every row added, in order; once."""
        self._dump()
        self._file.seek(0)
        done = 0
        try:
            while True:
                head = self._file.read(_LENGTH.size)
                if not head:
                    break
                batch = marshal.loads(self._file.read(_LENGTH.unpack(head)[0]))
                yield from batch
                done += len(batch)
                self.fraction_read = done / (self.count or 1)
        finally:
            self._file.close()

    def close(self) -> None:
        self._file.close()


def iso(day) -> str | None:
    return None if day is None else day.isoformat()
