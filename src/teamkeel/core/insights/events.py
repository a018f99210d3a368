"""The plain facts insights are computed from: people, kudos, blockers, periods.

These dataclasses are deliberately independent of storage and of the stand-up log's own
types, so every measure can be tested on a hand-made log.  ``teamkeel.core.insights.
sources`` converts a team file into them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from teamkeel.core.i18n import _


@dataclass(frozen=True)
class Person:
    """A team member as far as insights care: identity, role and when they were around."""

    id: int
    name: str
    role: str = ""
    archived: bool = False
    start_date: date | None = None
    # Absences as inclusive (first day, last day) pairs; someone away for a whole period
    # is not reported as quiet.
    away: tuple[tuple[date, date], ...] = ()

    def away_throughout(self, start: date, end: date) -> bool:
        covered = start
        for first, last in sorted(self.away):
            if first > covered:
                return False
            covered = max(covered, last + timedelta(days=1))
            if covered > end:
                return True
        return False


@dataclass(frozen=True)
class Kudo:
    """A thank-you said at stand-up.  ``giver`` thanks ``receiver``: the receiver helped."""

    day: date
    giver_id: int
    receiver_id: int
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Blocker:
    """Someone stuck; ``helper_ids`` are the people who helped unblock them."""

    id: int
    owner_id: int
    raised: date
    resolved: date | None = None
    helper_ids: tuple[int, ...] = ()
    note: str = ""

    def days_to_resolve(self) -> int | None:
        return None if self.resolved is None else (self.resolved - self.raised).days

    def open_on(self, day: date) -> bool:
        """Raised by ``day`` and not yet resolved at the end of it."""
        return self.raised <= day and (self.resolved is None or self.resolved > day)


@dataclass(frozen=True)
class SupportAction:
    """A weekly goal's supportive action, marked done: ``member_id`` did something for
    ``colleague_id`` (help given by the member, received by the colleague)."""

    day: date
    member_id: int
    colleague_id: int
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class HelpLog:
    """Everything the measures read, already detached from the database."""

    people: tuple[Person, ...] = ()
    kudos: tuple[Kudo, ...] = ()
    blockers: tuple[Blocker, ...] = ()
    # The earliest day anything was logged (None: nothing yet). Before it the log
    # is silent, which is not the same as a period in which nobody helped.
    first_day: date | None = None
    supports: tuple[SupportAction, ...] = ()

    def person(self, member_id: int) -> Person | None:
        return self._by_id.get(member_id)

    @property
    def _by_id(self) -> dict[int, Person]:
        cache = self.__dict__.get("_people_by_id")
        if cache is None:
            cache = {p.id: p for p in self.people}
            object.__setattr__(self, "_people_by_id", cache)
        return cache


@dataclass(frozen=True, order=True)
class Period:
    """An inclusive range of days."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                _("period ends ({end}) before it starts ({start})").format(
                    end=self.end, start=self.start
                )
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def back(self, count: int) -> list[Period]:
        """This period and the ``count - 1`` before it, newest first."""
        periods = [self]
        while len(periods) < count:
            periods.append(periods[-1].previous())
        return periods

    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def default_period(today: date, days: int = 30) -> Period:
    """The last ``days`` days up to and including ``today``."""
    return Period(today - timedelta(days=days - 1), today)


__all__ = [
    "Blocker",
    "HelpLog",
    "Kudo",
    "Period",
    "Person",
    "SupportAction",
    "default_period",
    "period_between",
]


def period_between(start: date | None, end: date | None, today: date, days: int = 30) -> Period:
    """The period a user asked for: either end may be missing (``days`` long by default,
    ending today).  Raises ValueError naming the problem when it ends before it starts."""
    if end is None:
        end = today if start is None or start <= today else start + timedelta(days=days - 1)
    if start is None:
        start = end - timedelta(days=days - 1)
    if end < start:
        raise ValueError(
            _("the period ends ({end}) before it starts ({start})").format(end=end, start=start)
        )
    return Period(start, end)
