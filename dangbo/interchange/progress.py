"""Progress of a long import on stderr: rows read and share of the file, every so often."""

import sys
import time


class Progress:
    def __init__(self, stream=None, every_rows: int = 100_000):
        self.stream = stream
        self.every_rows = every_rows
        self.phase = ""

    def rows(self, rows, sheet):
        # Silent: the rows themselves, without a generator around each of millions.
        return iter(rows) if self.stream is None else self._counted(rows, sheet)

    def _counted(self, rows, sheet):
        started = time.monotonic()
        count = 0
        for row in rows:
            count += 1
            if count % self.every_rows == 0:
                self._say(sheet, count, started)
            yield row
        self._say(sheet, count, started)

    def _say(self, sheet, count: int, started: float) -> None:
        elapsed = max(time.monotonic() - started, 1e-6)
        self.stream.write(
            f"{self.phase} {sheet.label}: {count} rows, {sheet.fraction_read:.0%} "
            f"({count / elapsed:,.0f} rows/s)\n"
        )
        self.stream.flush()


SILENT = Progress()
STDERR = Progress(sys.stderr)
