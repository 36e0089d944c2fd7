"""Progress of a long import on stderr: rows read and share of the file, every so often."""

import json
import os
import sys
import time
from pathlib import Path

from django.utils.translation import gettext_lazy as _

#: The stages of an import (the services say which one they are in), and their words.
CHECK, WRITE = "check", "write"
PHASES = {CHECK: _("checking"), WRITE: _("writing")}


class Progress:
    def __init__(self, stream=None, every_rows: int = 100_000):
        self.stream = stream
        self.every_rows = every_rows
        self._phase = ""

    @property
    def phase(self) -> str:
        """The stage the import is in: CHECK or WRITE ("" before it starts)."""
        return self._phase

    @phase.setter
    def phase(self, stage: str) -> None:
        if stage not in PHASES:
            raise ValueError(f"unknown import stage {stage!r}: one of {', '.join(PHASES)}")
        self._phase = stage
        self._phase_changed()

    def _phase_changed(self) -> None:
        """What a progress does when the import moves on (checking, writing): nothing here."""

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
        phase = PHASES[self._phase] if self._phase else ""
        self.stream.write(
            f"{phase} {sheet.label}: {count} rows, {sheet.fraction_read:.0%} "
            f"({count / elapsed:,.0f} rows/s)\n"
        )
        self.stream.flush()


SILENT = Progress()
STDERR = Progress(sys.stderr)


class FileProgress(Progress):
    """Progress of an import in the worker, for the page that watches it: rows checked and
    written per file, in a small JSON file under `folder` that the web servers read
    (read_progress). Each process writes its own file: the check beside (beside.py) counts
    the posts in a forked copy of the worker."""

    def __init__(self, folder, every_rows: int = 2_000):
        super().__init__(stream=None, every_rows=every_rows)
        self.folder = Path(folder)
        self.files: dict[str, dict] = {}
        self.current = ""

    def _phase_changed(self) -> None:
        if self._phase:
            self._write()

    def rows(self, rows, sheet):
        return self._counted(rows, sheet)

    def _say(self, sheet, count: int, started: float) -> None:
        stage = self._phase or CHECK
        self.files[f"{stage}:{sheet.label}"] = {"stage": stage, "file": sheet.label, "rows": count}
        self.current = sheet.label
        self._write()

    def _write(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        state = {
            "at": time.time(),
            "phase": self._phase,
            "current": self.current,
            "files": self.files,
        }
        temporary = self.folder / f".{os.getpid()}.tmp"
        temporary.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.folder / f"{os.getpid()}.json")  # never read half-written


def read_progress(folder) -> dict | None:
    """{"checked", "written", "current", "phase"} from the files FileProgress writes (the
    phase in words)."""
    folder = Path(folder)
    if not folder.is_dir():
        return None
    files: dict[str, dict] = {}
    latest, current, phase = -1.0, "", ""
    for path in folder.glob("*.json"):
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for key, entry in state.get("files", {}).items():
            if entry["rows"] > files.get(key, {}).get("rows", -1):
                files[key] = entry
        if state.get("at", 0) > latest:
            latest, current, phase = state["at"], state.get("current", ""), state.get("phase", "")
    if latest < 0:
        return None
    return {
        "checked": sum(e["rows"] for e in files.values() if e["stage"] == "check"),
        "written": sum(e["rows"] for e in files.values() if e["stage"] == "write"),
        "current": current,
        "phase": str(PHASES[phase]) if phase in PHASES else "",  # in the reader's language
    }
