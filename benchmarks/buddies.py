"""How fast blocker-buddy suggestions come back on the large demo (target: < 50 ms).

Builds the large demo (60 people, about five years of stand-ups), then times, in the
same run:
- the baseline: reading the roster with its absences (``RosterService.list_members``),
  which every suggestion does too;
- ``Buddies.suggest`` for recent blockers at moments spread over a week (every
  timezone's morning, evening and weekend), each call a full read of the file.

Run: /work/venv/bin/python benchmarks/buddies.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from teamkeel.core.demo import create_demo  # noqa: E402
from teamkeel.core.goals.buddy_store import Buddies  # noqa: E402
from teamkeel.core.roster.service import RosterService  # noqa: E402

TARGET_MS = 50


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def timed(call, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def report(label: str, samples: list[float], target_ms: float | None = None) -> float:
    """Median, 90th percentile and worst; the verdict is on the 90th percentile (a shared
    machine has the odd slow call that says nothing about the code)."""
    median, worst = statistics.median(samples), max(samples)
    p90 = statistics.quantiles(samples, n=10)[-1]
    verdict = ""
    if target_ms is not None:
        verdict = "  ok" if p90 * 1000 < target_ms else f"  OVER {target_ms} ms"
    print(
        f"{label:<44} median {ms(median)}   p90 {ms(p90)}   worst {ms(worst)}   "
        f"n={len(samples)}{verdict}"
    )
    return median


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.keel"
        start = time.perf_counter()
        team = create_demo(path, "large")
        print(f"{'create large demo':<44} {ms(time.perf_counter() - start)}")
        try:
            with team.reading() as conn:
                blockers = [
                    r[0]
                    for r in conn.execute(
                        "SELECT id FROM standup_entry WHERE kind = 'blocker' ORDER BY day DESC LIMIT 20"
                    )
                ]
                entries = conn.execute("SELECT count(*) FROM standup_entry").fetchone()[0]
            members = len(RosterService(team).list_members())
            print(f"{'file':<44} {members} members, {entries} stand-up entries")
            roster = RosterService(team)
            buddies = Buddies(team)
            buddies.suggest(blockers[0])  # warm the reader connection, like a running window
            baseline = report("baseline: read the roster", timed(roster.list_members, 50))
            monday = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)
            moments = [monday + dt.timedelta(hours=h) for h in range(0, 7 * 24, 7)]
            samples = []
            for blocker in blockers:
                for moment in moments[:6]:
                    start = time.perf_counter()
                    buddies.suggest(blocker, moment)
                    samples.append(time.perf_counter() - start)
            median = report("suggest buddies (3 of them, with reasons)", samples, TARGET_MS)
            print(f"{'suggestion / baseline':<44} {median / baseline:7.1f} ×")
        finally:
            team.close()


if __name__ == "__main__":
    main()
