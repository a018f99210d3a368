"""Plain dataclasses for rituals and their occurrences (no Qt, no SQL)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from teamkeel.core.i18n import N_, _, day_name, ngettext, pgettext

# Recurrence.freq values, in the order the editor offers them (shown as ``_(label)``).
FREQUENCIES: dict[str, str] = {
    "once": N_("One-off"),
    "weekdays": N_("Every working day (Mon–Fri)"),
    "weekly": N_("Weekly on chosen days"),
    "monthly_nth": N_("Monthly on the n-th weekday"),
    "quarterly": N_("Quarterly on the n-th weekday"),
}

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Which weekday of the month, as in "the first Monday" (shown as ``ordinal(n)``).
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def ordinal(nth: int) -> str:
    """``ORDINALS[nth]`` in the language Keel speaks."""
    # Translators: as in "every month, first Mon" / "the first weekday"; in German the
    # form after "am" ("ersten").
    words = {
        1: pgettext("nth weekday", "first"),
        2: pgettext("nth weekday", "second"),
        3: pgettext("nth weekday", "third"),
        4: pgettext("nth weekday", "fourth"),
        -1: pgettext("nth weekday", "last"),
    }
    return words[nth]


@dataclass(frozen=True)
class Recurrence:
    """How a ritual repeats. Mirrors the RFC 5545 rules Keel supports.

    weekly: on `weekdays` (0 = Monday; empty means the start's weekday), every
    `interval` weeks. monthly_nth / quarterly: on the `nth` weekday (1..4, -1 = last;
    None means the one the start date falls on) every `interval` months / quarters.
    `until` (inclusive, local date) and `count` are mutually exclusive; neither means
    the ritual goes on.
    """

    freq: str = "once"
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    nth: int | None = None
    until: date | None = None
    count: int | None = None

    def describe(self, start: date) -> str:
        """How it repeats, in words: "every week on Mon, Thu", "every month, first Tue"."""
        if self.freq == "once":
            return _("once")
        n = self.interval
        if self.freq == "weekdays":
            text = _("every working day")
        elif self.freq == "weekly":
            days = self.weekdays or (start.weekday(),)
            names = ", ".join(day_name(d, "abbreviated") for d in sorted(days))
            text = ngettext("every week on {days}", "every {count} weeks on {days}", n)
            text = text.format(count=n, days=names)
        else:
            nth = self.nth if self.nth is not None else nth_of(start)
            if self.freq == "monthly_nth":
                text = ngettext(
                    "every month, {ordinal} {weekday}",
                    "every {count} months, {ordinal} {weekday}",
                    n,
                )
            else:
                text = ngettext(
                    "every quarter, {ordinal} {weekday}",
                    "every {count} quarters, {ordinal} {weekday}",
                    n,
                )
            text = text.format(
                count=n, ordinal=ordinal(nth), weekday=day_name(start.weekday(), "abbreviated")
            )
        if self.until:
            return _("{rule}, until {day}").format(rule=text, day=self.until.isoformat())
        if self.count:
            return ngettext("{rule}, {count} time", "{rule}, {count} times", self.count).format(
                rule=text, count=self.count
            )
        return text


def nth_of(day: date) -> int:
    """Which weekday of its month `day` is: 1..4, or -1 for a fifth (= last)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


@dataclass(frozen=True)
class Swap:
    """The lead handed one occurrence (by its local date) to another member."""

    day: date
    member_id: int


def new_uid() -> str:
    return f"{uuid.uuid4()}@teamkeel"


@dataclass(frozen=True)
class Ritual:
    kind: str
    title: str
    start: datetime  # naive local wall time of the first occurrence, in `timezone`
    timezone: str  # IANA name, e.g. "Europe/Berlin"
    duration_minutes: int
    recurrence: Recurrence = field(default_factory=Recurrence)
    skipped: tuple[date, ...] = ()
    attendees: tuple[int, ...] | None = None  # None = the whole (current) team
    location: str = ""
    notes: str = ""
    rotation: tuple[int, ...] = ()  # facilitator order; empty = `facilitator_id` always
    facilitator_id: int | None = None
    swaps: tuple[Swap, ...] = ()
    uid: str = field(default_factory=new_uid)  # stable across ICS exports
    id: int | None = None

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    @property
    def start_time(self) -> time:
        return self.start.time()


@dataclass(frozen=True)
class Occurrence:
    """One meeting of a ritual, as the window, the CLI and the exports show it."""

    ritual_id: int | None
    uid: str
    kind: str
    title: str
    start: datetime  # aware, in the ritual's timezone
    end: datetime
    timezone: str
    index: int  # 0-based position among the ritual's held (non-skipped) occurrences
    facilitator_id: int | None = None
    facilitator_name: str = ""
    swapped: bool = False
    location: str = ""

    @property
    def day(self) -> date:
        return self.start.date()


@dataclass(frozen=True)
class Marker:
    """A dated note in the calendar that is not a ritual (e.g. the compact's review)."""

    day: date
    title: str
    source: str
