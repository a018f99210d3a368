"""The roster's plain data: what services return and the window edits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Absence:
    start: dt.date
    end: dt.date
    note: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Member:
    """A member of the team. ``id`` is None for a member not yet stored."""

    name: str
    role: str = ""
    email: str | None = None
    timezone: str = "UTC"
    work_start: dt.time = dt.time(9, 0)
    work_end: dt.time = dt.time(17, 0)
    skills: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    start_date: dt.date | None = None
    notes: str = ""
    archived: bool = False
    absences: tuple[Absence, ...] = ()
    id: int | None = field(default=None, compare=True)

    @classmethod
    def from_checked(cls, fields: Iterable[tuple[str, object]]) -> Member:
        """A member from (field, value) pairs for every field but ``id``, already
        cleaned and checked: none of a frozen dataclass's set-up per field (a large
        import makes thousands; ``csv_rows`` tests it against the constructor)."""
        member = object.__new__(cls)
        member.__dict__["id"] = None
        member.__dict__.update(fields)
        return member

    def with_id(self, member_id: int) -> Member:
        """This member under ``member_id``. A plain copy of the fields, with no checks
        and none of a frozen dataclass's set-up: a large import gives thousands."""
        copy = object.__new__(Member)
        copy.__dict__.update(self.__dict__, id=member_id)
        return copy

    def is_absent(self, day: dt.date) -> bool:
        return any(a.covers(day) for a in self.absences)

    @property
    def working_hours(self) -> str:
        # Not ``:%H:%M``: strftime imports ``time`` on each call, through whatever
        # import hook is installed (PySide6's runs Python), thousands of times a list.
        start, end = self.work_start, self.work_end
        return f"{start.hour:02}:{start.minute:02}–{end.hour:02}:{end.minute:02}"
