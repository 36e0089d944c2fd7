"""Several commands run as one: `dangbo demo` serves the web beside the worker (and the
daily schedule, once that command exists). Ctrl+C or SIGTERM stops them all; when one of
them ends, the others are stopped too, so nothing is left running half a demo."""

import signal
import subprocess
import sys
import time
from collections.abc import Sequence

# How long a process has to stop on SIGTERM (a worker finishes the task it is on) before
# it is killed; a killed worker's task runs again at the next start (dangbo/worker/worker.py).
GRACE_SECONDS = 10


def dangbo_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "dangbo", *args]


def run_together(commands: Sequence[tuple[str, list[str]]], *, say=print) -> int:
    """Start every (name, argv); return when one ends or on SIGINT/SIGTERM, after stopping
    the rest. Returns the exit code of the one that ended first (0 on a signal)."""
    stopping = {"signal": None}

    def stop(signum, frame):
        stopping["signal"] = signum

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    running: list[tuple[str, subprocess.Popen]] = []
    code = 0
    try:
        for name, argv in commands:
            # A session of its own: Ctrl+C reaches this process only, which then stops each
            # child once (a second signal would make the worker drop its task).
            running.append((name, subprocess.Popen(argv, start_new_session=True)))
        while stopping["signal"] is None:
            ended = next(((n, p) for n, p in running if p.poll() is not None), None)
            if ended is not None:
                name, process = ended
                code = process.returncode or 0
                say(f"{name} stopped (exit code {process.returncode}); stopping the others.")
                break
            time.sleep(0.2)
    finally:
        _stop_all([p for _, p in running])
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code


def _stop_all(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
