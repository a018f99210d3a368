"""Rituals held versus planned, when the calendar feature is present.

The calendar knows what was planned (skipped dates already left out); the stand-up log
shows whether a stand-up took place: something was logged that day.  For other rituals
Keel keeps no attendance, so only the planned count is known and ``held`` is None.
Occurrences after today are not counted as planned yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from teamkeel.core.insights.events import HelpLog, Period

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile

STANDUP_KIND = "standup"


@dataclass(frozen=True)
class RitualTally:
    title: str
    kind: str
    planned: int
    held: int | None  # occurrences with evidence they happened, if Keel can tell

    @property
    def share_held(self) -> float | None:
        if self.held is None or not self.planned:
            return None
        return self.held / self.planned


def tally(
    occurrences: Iterable[tuple[int | None, str, str, dt.date]],
    logged_days: set[dt.date],
    period: Period,
    today: dt.date,
) -> list[RitualTally]:
    """Count ``(ritual_id, title, kind, day)`` occurrences per ritual within the period
    (up to ``today``); a stand-up counts as held when something was logged that day."""
    last = min(period.end, today)
    planned: dict[tuple[int | None, str, str], list[dt.date]] = {}
    for ritual_id, title, kind, day in occurrences:
        if period.start <= day <= last:
            planned.setdefault((ritual_id, title, kind), []).append(day)
    out = []
    for (_, title, kind), days in planned.items():
        held = sum(1 for d in days if d in logged_days) if kind == STANDUP_KIND else None
        out.append(RitualTally(title, kind, len(days), held))
    out.sort(key=lambda t: (t.kind != STANDUP_KIND, t.title.casefold()))
    return out


def logged_days(log: HelpLog) -> set[dt.date]:
    days = {k.day for k in log.kudos}
    days |= {b.raised for b in log.blockers}
    days |= {b.resolved for b in log.blockers if b.resolved}
    return days


def tallies(
    team: TeamFile, period: Period, log: HelpLog, today: dt.date | None = None
) -> list[RitualTally]:
    """Per ritual, occurrences planned and held in ``period``."""
    from teamkeel.core.calendar.service import CalendarService

    today = today or dt.date.today()
    last = min(period.end, today)
    if last < period.start:
        return []
    occ = CalendarService(team).occurrences(period.start, last)
    return tally(
        ((o.ritual_id, o.title, o.kind, o.day) for o in occ), logged_days(log), period, today
    )
