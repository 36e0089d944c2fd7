"""`make bench`: every benchmark at a size that runs in minutes on a laptop, each beside its
raw baseline (the figures of docs/performance.md come from the same modules at 1,000,000
people: `python -m bench.<name> --people 1000000`).

    python -m bench.run [--people N] [--no-postgres]
"""

import argparse
import subprocess
import sys

BENCHES = ("import_bench", "review_bench", "home_bench", "portal_bench")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    failed = []
    for name in BENCHES:
        command = [sys.executable, "-m", f"bench.{name}", "--people", str(args.people)]
        if args.no_postgres:
            command.append("--no-postgres")
        print(f"== {name}: {' '.join(command[1:])}", flush=True)
        if subprocess.run(command).returncode:
            failed.append(name)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
