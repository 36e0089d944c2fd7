"""Import preview benchmark: the time of `dangbo import --dry-run` (the preview) at N people.

    .venv/bin/python -m bench.preview_bench --people 400000 [--code DIR]

Generates N people with one post each (bench.import_bench.generate) on a fresh SQLite file
and times (a) the preview of the whole file into an empty database (every row added), then,
after the file is imported, (b) the preview of the same file with one person in ten renamed
(changed rows beside unchanged ones). `--code DIR` runs another checkout of dangbo (the
code before a change) with this one's environment, for a before/after comparison.
"""

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.import_bench import _peak_mb, generate


def run(code: Path, env: dict, *args) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, the command and its copies) and peak RSS:
    the CPU time is the steadier figure on a machine others share."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dangbo", *args], cwd=code, env=env, stdout=subprocess.DEVNULL
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _peak_mb(proc.pid))
        time.sleep(0.2)
    if proc.returncode != 0:
        sys.exit(f"dangbo {' '.join(args)} failed")
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime
    return time.perf_counter() - started, cpu, peak


def rename_one_in_ten(folder: Path) -> None:
    source = folder / "people.csv"
    changed = folder / "people.changed.csv"
    with open(source, encoding="utf-8", newline="") as f, open(changed, "w", newline="") as g:
        reader, writer = csv.reader(f), csv.writer(g, lineterminator="\n")
        writer.writerow(next(reader))
        for number, row in enumerate(reader):
            if number % 10 == 0:
                row[1] += " Mới"
            writer.writerow(row)
    changed.replace(source)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=400_000)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dangbo-preview-bench-"))
    try:
        data = work / "data"
        data.mkdir()
        counts = generate(data, options.people)
        print(f"{options.people:,} people, {sum(counts.values()):,} rows ({options.code})")
        env = dict(os.environ, DANGBO_DATA_DIR=str(work), DJANGO_SETTINGS_MODULE="dangbo.settings")
        env.pop("DATABASE_URL", None)
        run(options.code, env, "migrate", "-v0")
        wall, cpu, peak = run(options.code, env, "import", str(data), "--dry-run", "--quiet")
        print(f"preview, all added:       {wall:6.1f} s ({cpu:6.1f} s CPU), {peak} MB", flush=True)
        run(options.code, env, "import", str(data), "--quiet")
        rename_one_in_ten(data)
        wall, cpu, peak = run(options.code, env, "import", str(data), "--dry-run", "--quiet")
        print(f"preview, 1 in 10 changed: {wall:6.1f} s ({cpu:6.1f} s CPU), {peak} MB", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
