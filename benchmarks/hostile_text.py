"""How long over-long text costs where it is printed, against the old way in the same run.

- Shortening a 2,000- and a 5,000-character ritual title to a calendar cell: the old
  loop (drop one character, measure the whole string again) against ``fonts.fit_width``.
- The calendar PDF of a month holding such a title (stored without the entry limit).

Run: /work/venv/bin/python benchmarks/hostile_text.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from teamkeel.core.calendar import CalendarService, Recurrence, Ritual  # noqa: E402
from teamkeel.core.calendar.models import RitualRow  # noqa: E402
from teamkeel.core.calendar.service import fill_row  # noqa: E402
from teamkeel.core.pdf import fonts  # noqa: E402
from teamkeel.core.team_info import create_team


def timed(label: str, fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<52} {best * 1000:10.1f} ms")
    return best


def old_clip(text: str, size: float, width: float) -> str:
    """The calendar's clipping loop before fit_width (quadratic in the text's length)."""
    if fonts.string_width(text, size) > width:
        while text and fonts.string_width(text + "…", size) > width:
            text = text[:-1]
        text += "…"
    return text


def main() -> None:
    fonts.register_fonts()
    for length in (2_000, 5_000):
        title = ("Quarterly planning " * (length // 19 + 1))[:length]
        repeat = 1 if length > 2_000 else 3
        timed(
            f"clip a {length:,}-character title, old loop",
            lambda t=title: old_clip(t, 7.2, 100),
            repeat,
        )
        timed(
            f"clip a {length:,}-character title, fit_width",
            lambda t=title: fonts.fit_width(t, 7.2, 100),
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.keel"
        team = create_team(path, "Bench")
        with team.session() as s:
            row = RitualRow()
            fill_row(row, Ritual(kind="standup", title="Plan " * 2_000,
                                 start=dt.datetime(2026, 3, 2, 9, 30), timezone="Europe/Berlin",
                                 duration_minutes=15, recurrence=Recurrence("weekdays")))  # fmt: skip
            s.add(row)
        service = CalendarService(team)
        out = Path(tmp) / "c.pdf"
        timed("calendar PDF, a month of a 10,000-character title",
              lambda: service.export_pdf(out, dt.date(2026, 3, 1), dt.date(2026, 3, 31)))  # fmt: skip
        team.close()


if __name__ == "__main__":
    main()
