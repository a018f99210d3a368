"""How fast a large roster CSV is imported (target: 100,000 rows in under 5 s).

For 10,000 and 100,000 generated rows (name, e-mail, role, time zone, skills, hours,
as an HR export has them), prints in the same run:
- reading the rows with nothing but ``csv.reader`` (the floor any import stands on);
- the duplicate check as it was (every row compared with every earlier row, issue 19
  item 13), measured in full at 10,000 rows and scaled by the square of the size for
  100,000 (where it would take hours);
- the duplicate check now (one index by e-mail, or name where there is none);
- Keel's whole import into a fresh team file: reading, mapping, checking every row, and
  storing every member in one transaction (``import_roster_csv``), then the same three
  phases one by one (read: ``read_roster_csv``; check: ``members_from_csv``; store:
  ``RosterService.add_many``).

Each figure is wall-clock seconds and, in brackets, the CPU seconds of this process. The
load of the machine is printed too: on a shared machine the wall-clock figures grow with
it, the CPU figures much less; compare each with the ``csv.reader`` floor of the same run.

Run: /work/venv/bin/python benchmarks/roster_import.py
"""

from __future__ import annotations

import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from teamkeel.core.files import gc_paused  # noqa: E402
from teamkeel.core.roster import RosterService  # noqa: E402
from teamkeel.core.roster.csvio import (  # noqa: E402
    import_roster_csv,
    members_from_csv,
    parse_roster_csv,
    read_roster_csv,
)
from teamkeel.core.roster.member import Member  # noqa: E402
from teamkeel.core.roster.reader import person_key, same_person  # noqa: E402
from teamkeel.core.storage.teamfile import TeamFile  # noqa: E402

TARGET_S = 5.0
SIZES = (10_000, 100_000)
ROLES = ("Backend developer", "Frontend developer", "Designer", "QA", "SRE", "Data analyst")
ZONES = ("Europe/Berlin", "Europe/Lisbon", "America/New_York", "Asia/Tokyo", "Africa/Lagos")
SKILLS = ("Python", "SQL", "Kubernetes", "Figma", "Testing", "Go", "Accessibility")


def roster_csv(rows: int, rng: random.Random) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "Full Name",
            "Work Email",
            "Job Title",
            "Time zone",
            "Working hours",
            "Skills",
        ]
    )
    for i in range(rows):
        start = rng.choice((8, 9, 10))
        writer.writerow(
            [
                f"Person {i} {rng.choice(('Lima', 'Ōsaka', 'Nwosu', 'Weiß', 'Pérez'))}",
                f"p{i}@example.org",
                rng.choice(ROLES),
                rng.choice(ZONES),
                f"{start:02d}:00-{start + 8:02d}:00",
                ", ".join(rng.sample(SKILLS, 2)),
            ]
        )
    return out.getvalue()


class Clock:
    """Wall-clock and CPU seconds of one piece of work."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu

    def __str__(self) -> str:
        return f"{self.wall:9.2f} s  ({self.cpu:5.2f} s CPU)"


def timed(work, *args) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    work(*args)
    return time.perf_counter() - start


def fresh_team(folder: Path, name: str) -> tuple[TeamFile, RosterService]:
    team = TeamFile.create(folder / name)
    team.prepare_orm()  # as the window has done before anyone imports
    return team, RosterService(team)


def phases(path: Path, folder: Path, rows: int) -> None:
    """Read, check and store one after the other, each timed on its own."""
    team, roster = fresh_team(folder, "phases.keel")
    with gc_paused():
        with Clock() as read:
            source = read_roster_csv(path)
        with Clock() as check:
            result = members_from_csv(source, roster.list_members(include_archived=True))
        with Clock() as store:
            roster.add_many(result.members, validated=True)
    assert roster.count() == rows
    team.close()
    for label, clock in (("read", read), ("check every row", check), ("store", store)):
        print(f"    {label:<38}{clock}")


def read_only(text: str) -> int:
    return sum(1 for _ in csv.reader(io.StringIO(text, newline="")))


def quadratic_duplicates(members: list[Member]) -> int:
    """The check as it was: each member against every member before it."""
    found = 0
    for i, member in enumerate(members):
        for other in members[:i]:
            if same_person(member, other):
                found += 1
                break
    return found


def indexed_duplicates(members: list[Member]) -> int:
    seen: set[tuple[str, str]] = set()
    found = 0
    for member in members:
        key = person_key(member)
        found += key in seen
        seen.add(key)
    return found


def main() -> None:
    rng = random.Random(15)
    quadratic: tuple[int, float] | None = None  # (rows, seconds) measured at the first size
    print(
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    for rows in SIZES:
        text = roster_csv(rows, rng)
        print(f"\n{rows:,} rows ({len(text) / 1e6:.1f} MB)")
        with Clock() as floor:
            read_only(text)
        print(f"  {'csv.reader alone (floor)':<40}{floor}")
        members = parse_roster_csv(text, default_timezone="UTC").members
        if quadratic is None:
            old = quadratic = (rows, timed(quadratic_duplicates, members))
            label = "every pair, as before"
        else:
            measured_rows, measured = quadratic
            old = (rows, measured * (rows / measured_rows) ** 2)
            label = f"every pair (from {measured_rows:,}, est.)"
        print(f"  {'duplicates, ' + label:<40}{old[1]:9.2f} s")
        new = timed(indexed_duplicates, members)
        print(f"  {'duplicates, one index (now)':<40}{new:9.2f} s")
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            path = folder / "roster.csv"
            path.write_text(text, encoding="utf-8")
            team, roster = fresh_team(folder, "team.keel")
            with Clock() as whole:
                import_roster_csv(roster, path)
            assert roster.count() == rows
            team.close()
            verdict = ""
            if rows == max(SIZES):
                verdict = "  ok" if whole.wall < TARGET_S else "  OVER 5 s"
            print(f"  {'whole import into a team file (now)':<40}{whole}{verdict}")
            phases(path, folder, rows)


if __name__ == "__main__":
    main()
