"""What the calendar needs to know about team members, independent of storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from teamkeel.core.i18n import _, format_date


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
        day = format_date(self.start.date(), "EEE")
        text = f"{day} {self.start:%H:%M}–{self.end:%H:%M} {self.timezone}"
        if self.absent:
            return _("{time} (absent)").format(time=text)
        if self.out_of_hours:
            return _("{time} (outside working hours)").format(time=text)
        return text


def within_working_hours(person: Person, start: datetime, end: datetime) -> bool:
    """Whether [start, end] (aware, in the person's zone) lies inside one working day's
    hours. A shift may end after midnight (22:00–06:00, 16:00–00:00): then it is the
    shift that began the evening before which may cover an early-morning meeting."""
    overnight = person.work_end <= person.work_start
    for shift_day in (start.date() - timedelta(days=1), start.date()):
        if shift_day.weekday() >= 5:
            continue
        shift_start = datetime.combine(shift_day, person.work_start, start.tzinfo)
        end_day = shift_day + timedelta(days=1) if overnight else shift_day
        shift_end = datetime.combine(end_day, person.work_end, start.tzinfo)
        if shift_start <= start and end <= shift_end:
            return True
    return False


def local_time(person: Person, start: datetime, end: datetime) -> LocalTime:
    zone = ZoneInfo(person.timezone)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    inside = within_working_hours(person, local_start, local_end)
    return LocalTime(
        person_id=person.id,
        name=person.name,
        timezone=person.timezone,
        start=local_start,
        end=local_end,
        out_of_hours=not inside,
        absent=person.is_absent(local_start.date()),
    )
