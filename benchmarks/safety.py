"""Data safety figures: what the on-open backup costs, how fast a check and a restore
run, and how quickly a 50 MB CSV is refused.

    python benchmarks/safety.py [--size small|large]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def timed(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=("small", "large"), default="large")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="keel-bench-"))
    os.environ["TEAMKEEL_DATA_DIR"] = str(tmp / "data")

    from teamkeel.core.demo import create_demo
    from teamkeel.core.errors import KeelError
    from teamkeel.core.roster import RosterService
    from teamkeel.core.roster.csvio import import_roster_csv
    from teamkeel.core.safety import hooks
    from teamkeel.core.safety.backup import backup_now, list_backups, restore
    from teamkeel.core.safety.check import check_file
    from teamkeel.core.storage import teamfile
    from teamkeel.core.storage.teamfile import TeamFile

    path = tmp / "team.keel"
    start = time.perf_counter()
    create_demo(path, args.size).close()
    print(
        f"{args.size} demo: {path.stat().st_size / 1024:.0f} KB, built in {time.perf_counter() - start:.1f} s"
    )

    TeamFile.open(path).close()  # loads the hook

    def change_then_open() -> float:
        # A change since the last open, so that the open really takes a backup.
        with TeamFile.open(path) as team:
            RosterService(team).set_archived(1, not RosterService(team).get(1).archived)
        start = time.perf_counter()
        TeamFile.open(path).close()
        return time.perf_counter() - start

    changed = statistics.median(change_then_open() for _ in range(5))
    unchanged = timed(lambda: TeamFile.open(path).close())
    saved = list(teamfile.BEFORE_OPEN_HOOKS)
    teamfile.BEFORE_OPEN_HOOKS.clear()
    without = timed(lambda: TeamFile.open(path).close())
    teamfile.BEFORE_OPEN_HOOKS.extend(saved)
    print(
        f"TeamFile.open: {changed * 1000:.1f} ms when the file changed since its last backup "
        f"(backup + quick_check taken), {unchanged * 1000:.1f} ms when unchanged (the newest "
        f"backup already holds it), {without * 1000:.1f} ms with no backup hook"
    )
    print(f"backup_now alone: {timed(lambda: backup_now(path, reason='manual')) * 1000:.1f} ms")
    print(f"check_file: {timed(lambda: check_file(path)) * 1000:.1f} ms")
    oldest = min(list_backups(path), key=lambda b: b.taken_at)
    print(
        f"restore (backs up the current state first): {timed(lambda: restore(oldest.path, path), 3) * 1000:.1f} ms"
    )
    print(
        f"backups kept after {len(list_backups(path))} in the folder: policy applied on each backup"
    )

    huge = tmp / "huge.csv"
    row = b"Someone,Engineer,someone@example.org,Europe/Berlin,09:00-17:00\r\n"
    with huge.open("wb") as out:
        out.write(b"Name,Role,Email,Time zone,Working hours\r\n")
        out.write(row * (50 * 1024 * 1024 // len(row) + 1))
    with TeamFile.open(path) as team:
        roster = RosterService(team)

        def refuse() -> None:
            try:
                import_roster_csv(roster, huge)
            except KeelError:
                return
            raise AssertionError("a 50 MB CSV was imported")

        print(f"50 MB roster CSV refused in {timed(refuse, 3) * 1000:.0f} ms")
    _ = hooks
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
