"""Start time of the installed package against a pip-installed Keel, offscreen.

    python3 packaging/startup-compare.py --runs 9 /usr/bin/teamkeel build/venv/bin/teamkeel

Each program opens the same demo file with TEAMKEEL_STARTUP_PROBE=1, which prints
``shown <time>`` once the first frame is painted and quits; prints the median seconds
from process start for each, runs interleaved so both see the same machine load.
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def shown_after(program: str, db: Path, env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(
        [program, "--db", str(db)], capture_output=True, text=True, env=env, check=True
    )
    stamps = [line.split() for line in out.stdout.splitlines() if line.startswith("shown ")]
    return float(stamps[0][1]) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("programs", nargs="+")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(QT_QPA_PLATFORM="offscreen", TEAMKEEL_STARTUP_PROBE="1")
    with tempfile.TemporaryDirectory() as tmp:
        env["HOME"] = tmp
        db = Path(tmp) / "demo.keel"
        subprocess.run(
            [args.programs[0], "demo", "--db", str(db)], env=env, check=True, capture_output=True
        )
        for program in args.programs:  # warm the page cache once
            shown_after(program, db, env)
        times: dict[str, list[float]] = {p: [] for p in args.programs}
        for _ in range(args.runs):
            for program in args.programs:
                times[program].append(shown_after(program, db, env))
    for program, values in times.items():
        print(
            f"{program}: median {statistics.median(values):.3f} s "
            f"(min {min(values):.3f}, max {max(values):.3f}, {len(values)} runs)"
        )


if __name__ == "__main__":
    main()
