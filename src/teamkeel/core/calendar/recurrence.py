"""Recurrence expansion with dateutil's RFC 5545 rrule.

Rules are expanded on *naive local wall time* and only then given the ritual's
timezone, so a 09:30 stand-up stays at 09:30 local across daylight-saving changes
(RFC 5545 semantics for DTSTART with a TZID). The same rule parts go into the ICS
file (see ics.py), which is why both agree occurrence for occurrence.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil import rrule as du

from teamkeel.core.dates import LAST_MOMENT

from .domain import Recurrence, Ritual, nth_of

_WEEKDAYS = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)
_ICS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def rule_parts(recurrence: Recurrence, start: date) -> dict | None:
    """The RRULE parts (as dateutil keyword arguments) or None for a one-off.

    `until` is left out: callers add it in the form they need (naive local for
    dateutil, UTC for ICS).
    """
    freq = recurrence.freq
    if freq == "once":
        return None
    if freq == "weekdays":
        return {"freq": du.WEEKLY, "interval": 1, "byweekday": _WEEKDAYS[:5]}
    if freq == "weekly":
        days = tuple(sorted(set(recurrence.weekdays))) or (start.weekday(),)
        return {
            "freq": du.WEEKLY,
            "interval": recurrence.interval,
            "byweekday": tuple(_WEEKDAYS[d] for d in days),
        }
    if freq in ("monthly_nth", "quarterly"):
        nth = recurrence.nth if recurrence.nth is not None else nth_of(start)
        months = recurrence.interval * (3 if freq == "quarterly" else 1)
        return {
            "freq": du.MONTHLY,
            "interval": months,
            "byweekday": (_WEEKDAYS[start.weekday()](nth),),
        }
    raise ValueError(f"unknown recurrence {freq!r}")


def ics_rrule(recurrence: Recurrence, start: datetime, tz: str) -> dict | None:
    """The rule as an icalendar vRecur mapping (UNTIL in UTC, as RFC 5545 requires
    when DTSTART has a TZID)."""
    parts = rule_parts(recurrence, start.date())
    if parts is None:
        return None
    names = {du.WEEKLY: "WEEKLY", du.MONTHLY: "MONTHLY"}
    rule: dict = {"FREQ": names[parts["freq"]]}
    if parts["interval"] != 1:
        rule["INTERVAL"] = parts["interval"]
    days = []
    for wd in parts["byweekday"]:
        prefix = f"{wd.n:+d}" if wd.n else ""
        days.append(prefix + _ICS_DAYS[wd.weekday])
    rule["BYDAY"] = days
    if recurrence.until is not None:
        rule["UNTIL"] = (
            _local_until(recurrence.until).replace(tzinfo=ZoneInfo(tz)).astimezone(ZoneInfo("UTC"))
        )
    elif recurrence.count is not None:
        rule["COUNT"] = recurrence.count
    return rule


def _local_until(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59))


def iter_rule(ritual: Ritual, until: datetime | None = None) -> Iterator[datetime]:
    """Naive local start times the rule produces (skipped dates included), in order.

    `until` (naive local) bounds open-ended rules; the first value is the first
    occurrence the rule yields, which may be later than `ritual.start` when the start
    day does not match the rule (e.g. weekly on Tuesdays starting on a Monday).
    """
    parts = rule_parts(ritual.recurrence, ritual.start.date())
    if parts is None:
        if until is None or ritual.start <= until:
            yield ritual.start
        return
    rec = ritual.recurrence
    # Nothing is expanded past the last day Keel works with (teamkeel.core.dates): a
    # rule that runs on for ever must not run into year 10000.
    bound = LAST_MOMENT if until is None else min(until, LAST_MOMENT)
    if rec.count is not None:
        # dateutil refuses COUNT together with UNTIL: bound the iteration instead.
        for value in du.rrule(dtstart=ritual.start, count=rec.count, **parts):
            if value > bound:
                return
            yield value
        return
    if rec.until is None and until is None:
        raise ValueError("an open-ended rule needs an end for expansion")
    limit = min(_local_until(rec.until), bound) if rec.until is not None else bound
    yield from du.rrule(dtstart=ritual.start, until=limit, **parts)


def first_start(ritual: Ritual) -> datetime | None:
    """The naive local start of the first occurrence the rule yields (DTSTART in ICS)."""
    parts = rule_parts(ritual.recurrence, ritual.start.date())
    if parts is None:
        return ritual.start
    rec = ritual.recurrence
    until = _local_until(rec.until) if rec.until is not None else None
    if rec.count is not None:
        rule = du.rrule(dtstart=ritual.start, count=rec.count, **parts)
    else:
        rule = du.rrule(dtstart=ritual.start, until=until, **parts)
    for value in rule:
        return value if value <= LAST_MOMENT else None
    return None


def held_starts(ritual: Ritual, until: datetime | None = None) -> list[datetime]:
    """Aware start times of the occurrences that take place (skipped dates removed)."""
    zone = ZoneInfo(ritual.timezone)
    skipped = set(ritual.skipped)
    return [
        naive.replace(tzinfo=zone)
        for naive in iter_rule(ritual, until)
        if naive.date() not in skipped
    ]
