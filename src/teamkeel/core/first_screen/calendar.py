"""The Calendar tab's first screen: the team's rituals and how they repeat.

Occurrences come from recurrence rules (``dateutil``), which the first frame does not
wait for; the rules themselves read plainly, and ``Recurrence.describe`` words them as
the tab does."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from teamkeel.core.calendar.domain import Recurrence


@dataclass(frozen=True)
class CalendarGlance:
    # (title, how it repeats, time, first day): recurring ones first, by first day
    rituals: tuple[tuple[str, str, str, str], ...]


def _weekdays(text: str | None) -> tuple[int, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(int(d) for d in value) if isinstance(value, list) else ()


def read(conn: sqlite3.Connection) -> CalendarGlance:
    rituals = []
    for title, freq, interval, weekdays, nth, start, until, count in conn.execute(
        'SELECT title, freq, "interval", weekdays, nth, start, until, "count" FROM ritual '
        "ORDER BY freq = 'once', start, id"
    ):
        first = dt.date.fromisoformat(start[:10])
        rule = Recurrence(
            freq=freq,
            interval=int(interval or 1),
            weekdays=_weekdays(weekdays),
            nth=nth,
            until=dt.date.fromisoformat(until[:10]) if until else None,
            count=count,
        )
        rituals.append((title, rule.describe(first), start[11:16], first.isoformat()))
    return CalendarGlance(tuple(rituals))
