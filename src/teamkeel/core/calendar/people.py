"""What the calendar needs to know about team members, independent of storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    timezone: str = "UTC"
    work_start: time = time(9, 0)
    work_end: time = time(17, 0)
    absences: tuple[tuple[date, date], ...] = ()  # inclusive (start, end) days
    archived: bool = False

    def is_absent(self, day: date) -> bool:
        return any(start <= day <= end for start, end in self.absences)

    def can_facilitate(self, day: date) -> bool:
        return not self.archived and not self.is_absent(day)


@dataclass(frozen=True)
class LocalTime:
    """When an occurrence happens for one attendee, and whether that is a fair time."""

    person_id: int
    name: str
    timezone: str
    start: datetime  # aware, in the attendee's timezone
    end: datetime
    out_of_hours: bool
    absent: bool

    def label(self) -> str:
        text = f"{self.start:%a %H:%M}–{self.end:%H:%M} {self.timezone}"
        if self.absent:
            text += " (absent)"
        elif self.out_of_hours:
            text += " (outside working hours)"
        return text


def local_time(person: Person, start: datetime, end: datetime) -> LocalTime:
    zone = ZoneInfo(person.timezone)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    inside = (
        local_start.weekday() < 5
        and local_start.date() == local_end.date()
        and person.work_start <= local_start.time()
        and local_end.time() <= person.work_end
    )
    return LocalTime(
        person_id=person.id,
        name=person.name,
        timezone=person.timezone,
        start=local_start,
        end=local_end,
        out_of_hours=not inside,
        absent=person.is_absent(local_start.date()),
    )
