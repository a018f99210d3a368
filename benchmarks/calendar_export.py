"""How long the calendar's exports take, and whether the ICS agrees with the app.

On the large demo file (60 members) plus extra rituals (every kind, Berlin and New
York, open-ended and bounded rules) it prints, for one year of occurrences: the time
to expand them in the app, to write the ICS, to parse and expand the ICS again with
recurring-ical-events (and how many occurrences were compared, which must all match),
to write the month and quarter PDFs, and the facilitation cards.

Run: /work/venv/bin/python benchmarks/calendar_export.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import recurring_ical_events  # noqa: E402
from icalendar import Calendar  # noqa: E402

from teamkeel.core.calendar import CalendarService  # noqa: E402
from teamkeel.core.demo import create_demo  # noqa: E402


def timed(label: str, fn, repeat: int = 3):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<44} {best * 1000:9.1f} ms")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        team = create_demo(folder / "large.keel", "large")
        service = CalendarService(team)
        people = service.people()
        ids = sorted(people)
        program = dt.date.today().replace(day=1)
        # A second, New York based plan and a Berlin one so both DST rules are in play.
        service.generate_rollout(program, "America/New_York", tuple(ids[8:16]), ids[8])
        service.generate_rollout(
            program + dt.timedelta(weeks=6), "Europe/Berlin", tuple(ids[16:30])
        )
        rituals = service.list_rituals()
        first = program
        last = program + dt.timedelta(days=365)
        print(f"{len(people)} members, {len(rituals)} rituals, {first} to {last}")

        occ = timed("expand one year (app)", lambda: service.occurrences(first, last))
        print(f"{'occurrences in the year':<44} {len(occ):9d}")
        ics_path = folder / "rituals.ics"
        timed("write ICS (all rituals)", lambda: service.export_ics(ics_path))
        print(f"{'ICS size':<44} {ics_path.stat().st_size / 1024:9.1f} KiB")

        def reexpand():  # type: ignore[no-untyped-def]
            cal = Calendar.from_ical(ics_path.read_bytes())
            return recurring_ical_events.of(cal).between(first, last + dt.timedelta(days=1))

        events = timed("parse + expand ICS (recurring-ical-events)", reexpand, repeat=1)
        theirs = sorted((str(e["UID"]), e.start.isoformat()) for e in events)
        mine = sorted((o.uid, o.start.isoformat()) for o in occ)
        verdict = "all match" if theirs == mine else f"MISMATCH ({len(set(theirs) ^ set(mine))})"
        print(f"{'occurrences compared (app vs ICS)':<44} {len(mine):9d}  {verdict}")

        month_end = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        quarter_end = (first + dt.timedelta(days=93)).replace(day=1) - dt.timedelta(days=1)
        timed("PDF month view + agenda (1 month)",
              lambda: service.export_pdf(folder / "m.pdf", first, month_end, "month"))  # fmt: skip
        timed("PDF quarter view + agenda (3 months)",
              lambda: service.export_pdf(folder / "q.pdf", first, quarter_end, "quarter"))  # fmt: skip
        timed("PDF month views + agenda (12 months)",
              lambda: service.export_pdf(folder / "y.pdf", first, last, "month"), repeat=1)  # fmt: skip
        timed("facilitation cards PDF", lambda: service.export_cards(folder / "cards.pdf"))
        team.close()
        if theirs != mine:
            sys.exit(1)


if __name__ == "__main__":
    main()
