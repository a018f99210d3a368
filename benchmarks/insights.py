"""How long insights take on the large demo file (60 members, about five years of
stand-ups: tens of thousands of kudos and blockers, twenty survey rounds).

Prints, best of three runs:
- reading the whole log from the file (roster + stand-up log, once per refresh);
- computing every measure (reciprocity with flags over 3 periods, network, blockers per
  month, survey rounds, rituals) for the last year and for the last five years, both
  from a log already read and end to end (read + compute, what the window and the CLI do);
- writing the health report PDF for one year and for five years.
Targets: one year under 1 s, five years under 3 s.

Run: /work/venv/bin/python benchmarks/insights.py [--db existing-large-demo.keel]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from teamkeel.core.demo import create_demo  # noqa: E402
from teamkeel.core.insights.events import default_period  # noqa: E402
from teamkeel.core.insights.service import InsightsService  # noqa: E402
from teamkeel.core.storage.teamfile import TeamFile  # noqa: E402


def timed(label: str, fn, repeat: int = 3):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<52} {best * 1000:9.1f} ms")
    return result


def run(team: TeamFile, out_dir: Path) -> None:
    service = InsightsService(team)
    log = timed("read roster + stand-up log", service.help_log)
    print(
        f"  ({len(log.people)} people, {len(log.kudos)} kudos, {len(log.blockers)} blockers, "
        f"{len(service.list_rounds())} survey rounds)"
    )
    today = dt.date.today()
    for years in (1, 5):
        period = default_period(today, 365 * years)
        ins = timed(
            f"compute all measures, {years} year(s), log in memory",
            lambda p=period: service.compute(p, log=log),
        )
        timed(f"read + compute, {years} year(s)", lambda p=period: service.compute(p))
        print(
            f"  ({ins.exchanges_total} exchanges, {len(ins.flags)} flags, {len(ins.blockers.by_month)} months)"
        )
        timed(
            f"export health report PDF, {years} year(s)",
            lambda p=period, y=years: service.export_report(out_dir / f"health-{y}y.pdf", p),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing large demo file (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.db:
            team = TeamFile.open(args.db)
        else:
            start = time.perf_counter()
            team = create_demo(folder / "large.keel", "large")
            print(
                f"{'build the large demo file':<52} {(time.perf_counter() - start) * 1000:9.1f} ms"
            )
        with team:
            run(team, folder)


if __name__ == "__main__":
    main()
