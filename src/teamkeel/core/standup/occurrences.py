"""Which calendar stand-up (if any) a day's entries belong to.

The calendar is optional: without it, or without a stand-up ritual that day, entries
are simply dated. Nothing here is required for the log to work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from teamkeel.core.errors import KeelError
from teamkeel.core.standup.entries import OccurrenceLink
from teamkeel.core.storage.teamfile import TeamFile

STANDUP_KIND = "standup"


@dataclass(frozen=True)
class StandupOccurrence:
    link: OccurrenceLink
    title: str
    start: dt.datetime
    facilitator_name: str


def standup_on(team: TeamFile, day: dt.date) -> StandupOccurrence | None:
    """The first stand-up ritual held on ``day`` according to the calendar, if any."""
    from teamkeel.core.calendar.service import CalendarService  # loads the ORM models

    try:
        occurrences = CalendarService(team).occurrences(day, day)
    except KeelError:
        return None
    for occurrence in occurrences:
        if occurrence.kind == STANDUP_KIND and occurrence.ritual_id is not None:
            return StandupOccurrence(
                OccurrenceLink(occurrence.ritual_id, occurrence.start.date()),
                occurrence.title,
                occurrence.start,
                occurrence.facilitator_name,
            )
    return None
