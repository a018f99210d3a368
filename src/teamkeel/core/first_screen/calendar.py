"""The Calendar tab's first screen: the team's rituals and when they meet.

Occurrences come from recurrence rules (``dateutil``), which the first frame does not
wait for; the rules themselves read plainly."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FREQUENCIES = {"once": "once", "daily": "every day", "weekdays": "every weekday"}


@dataclass(frozen=True)
class CalendarGlance:
    # (title, how often, time, first day, until): recurring ones first, by first day
    rituals: tuple[tuple[str, str, str, str, str], ...]


def repeats(freq: str, interval: int, weekdays_json: str) -> str:
    """How often a ritual meets, in a few words ("every 2 weeks on Tue, Thu")."""
    if freq in FREQUENCIES:
        return FREQUENCIES[freq]
    try:
        days = [WEEKDAYS[int(d)] for d in json.loads(weekdays_json or "[]")]
    except (ValueError, TypeError, IndexError):
        days = []
    unit = {"weekly": "week", "monthly": "month", "yearly": "year"}.get(freq, freq)
    every = f"every {unit}" if interval <= 1 else f"every {interval} {unit}s"
    return f"{every} on {', '.join(days)}" if days else every


def read(conn: sqlite3.Connection) -> CalendarGlance:
    rituals = []
    for title, freq, interval, weekdays, start, until, count in conn.execute(
        'SELECT title, freq, "interval", weekdays, start, until, "count" FROM ritual '
        "ORDER BY freq = 'once', start, id"
    ):
        ends = until or (f"{count} times" if count else "")
        rituals.append(
            (title, repeats(freq, int(interval or 1), weekdays), start[11:16], start[:10], ends)
        )
    return CalendarGlance(tuple(rituals))
