"""Rituals from an ICS calendar file: each event (VEVENT) with its repeat rule (RRULE).

Keel's rituals repeat in a few ways (``domain.FREQUENCIES``); an event that repeats in
another way (every 3rd of the month, yearly) is refused with its title and why, in one
line, and nothing is imported. Keel's own exports come back as they went out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from icalendar import Calendar

from teamkeel.core.calendar.domain import Recurrence, Ritual, new_uid, nth_of
from teamkeel.core.calendar.library import KINDS
from teamkeel.core.calendar.validation import field_label
from teamkeel.core.calendar.validation import problems as ritual_problems
from teamkeel.core.errors import Problem, Problems, ValidationError
from teamkeel.core.i18n import _

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WORKING_DAYS = (0, 1, 2, 3, 4)
FALLBACK_KIND = "skill_share"
DEFAULT_MINUTES = 30
# Words in an event's title that tell its kind when its categories do not.
TITLE_WORDS = {
    "stand-up": "standup",
    "standup": "standup",
    "pairing": "pairing",
    "pair ": "pairing",
    "retro": "retrospective",
    "cross-check": "cross_check",
    "review": "cross_check",
    "pre-mortem": "pre_mortem",
    "skill": "skill_share",
    "compact": "compact_review",
    "check-in": "culture_checkin",
    "listening": "listening",
}


@dataclass(frozen=True)
class IcsImport:
    rituals: list[Ritual]
    guessed_kinds: int  # events whose kind Keel could not tell (filed as a skill share)


def rituals_from_ics(raw: bytes, default_timezone: str) -> IcsImport:
    """The rituals of an ICS file, or ValidationError naming each event refused."""
    try:
        calendar = Calendar.from_ical(raw)
    except (ValueError, IndexError, KeyError) as exc:
        raise ValidationError(
            [Problem("ICS", _("not a calendar file Keel can read ({exc})").format(exc=exc))]
        ) from exc
    found = Problems()
    rituals: list[Ritual] = []
    guessed = 0
    for event in calendar.walk("VEVENT"):
        title = " ".join(str(event.get("summary", "")).split()) or "Untitled"
        where = _("event “{title}”").format(title=title[:60])
        try:
            ritual, known = _ritual(event, title, default_timezone)
        except ValueError as exc:
            found.add(Problem(where, str(exc)))
            continue
        found.extend(Problem(where, f"{field_label(f)}: {m}") for f, m in ritual_problems(ritual))
        rituals.append(ritual)
        guessed += not known
    if found:
        raise found.error()
    if not rituals:
        raise ValidationError([Problem("ICS", _("the file has no events"))])
    return IcsImport(rituals, guessed)


def _ritual(event: Any, title: str, default_timezone: str) -> tuple[Ritual, bool]:
    start = event.decoded("dtstart", None)
    if start is None:
        raise ValueError(_("it has no start"))
    if not isinstance(start, dt.datetime):
        raise ValueError(_("it is an all-day event; a ritual has a time of day"))
    zone = _zone_name(start) or default_timezone
    if "dtend" in event:
        length = event.decoded("dtend") - start
    elif "duration" in event:
        length = event.decoded("duration")
    else:
        length = dt.timedelta(minutes=DEFAULT_MINUTES)
    minutes = int(length.total_seconds() // 60)
    kind, known = _kind(event, title)
    local = start.replace(tzinfo=None)
    if start.tzinfo is not None and zone != _zone_name(start):
        local = start.astimezone(_zone(zone)).replace(tzinfo=None)
    ritual = Ritual(
        kind=kind,
        title=title,
        start=local,
        timezone=zone,
        duration_minutes=minutes,
        recurrence=_recurrence(event.get("rrule"), local, zone),
        location=" ".join(str(event.get("location", "")).split()),
        uid=str(event.get("uid") or new_uid()),
    )
    return ritual, known


def _zone(name: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _zone_name(moment: dt.datetime) -> str | None:
    tz = moment.tzinfo
    if tz is None:
        return None
    key = getattr(tz, "key", None) or getattr(tz, "zone", None)
    if key:
        return str(key)
    return "UTC" if moment.utcoffset() == dt.timedelta(0) else None


def _kind(event: Any, title: str) -> tuple[str, bool]:
    labels = {k.label.casefold(): key for key, k in KINDS.items()}
    categories = event.get("categories")
    for group in categories if isinstance(categories, list) else [categories] if categories else []:
        for category in getattr(group, "cats", [group]):
            key = labels.get(str(category).strip().casefold())
            if key:
                return key, True
    folded = f"{title.casefold()} "
    for word, key in TITLE_WORDS.items():
        if word in folded:
            return key, True
    return FALLBACK_KIND, False


def _recurrence(rule: Any, start: dt.datetime, zone: str) -> Recurrence:
    if rule is None:
        return Recurrence()
    if isinstance(rule, list):
        if len(rule) != 1:
            raise ValueError(_("it has several repeat rules; a ritual has one"))
        rule = rule[0]
    freq = _one(rule, "FREQ")
    interval = int(_one(rule, "INTERVAL") or 1)
    until, count = _end(rule, zone)
    byday = [str(d).upper() for d in rule.get("BYDAY", [])]
    if rule.get("BYMONTHDAY") or rule.get("BYMONTH") or rule.get("BYYEARDAY"):
        raise ValueError(_("it repeats on dates of the month or year; rituals repeat on weekdays"))
    if freq in ("DAILY", "WEEKLY"):
        days = tuple(sorted({_weekday(d) for d in byday})) or (
            tuple(range(7)) if freq == "DAILY" else (start.weekday(),)
        )
        if freq == "DAILY" and interval != 1:
            raise ValueError(_("it repeats every few days; rituals repeat by the week or month"))
        if days == WORKING_DAYS and interval == 1:
            return Recurrence("weekdays", until=until, count=count)
        if days == (start.weekday(),):
            days = ()  # Keel's way of saying "on the start's weekday"
        return Recurrence("weekly", interval, days, until=until, count=count)
    if freq == "MONTHLY":
        nth = _nth(byday, rule.get("BYSETPOS"))
        if nth == nth_of(start.date()):
            nth = None  # Keel's way of saying "the one the start falls on"
        if interval % 3 == 0:
            return Recurrence("quarterly", interval // 3, nth=nth, until=until, count=count)
        return Recurrence("monthly_nth", interval, nth=nth, until=until, count=count)
    raise ValueError(
        _("it repeats {rule}; rituals repeat by the day, week or month").format(
            rule=str(freq).lower()
        )
    )


def _one(rule: Any, key: str) -> Any:
    values = rule.get(key)
    return values[0] if values else None


def _end(rule: Any, zone: str) -> tuple[dt.date | None, int | None]:
    until = _one(rule, "UNTIL")
    count = _one(rule, "COUNT")
    if isinstance(until, dt.datetime):
        if until.tzinfo is not None:
            until = until.astimezone(_zone(zone))
        return until.date(), None
    if isinstance(until, dt.date):
        return until, None
    return None, int(count) if count else None


def _weekday(day: str) -> int:
    name = day.lstrip("+-0123456789")
    if name not in DAYS:
        raise ValueError(_("“{day}” is not a weekday").format(day=day))
    return DAYS.index(name)


def _nth(byday: Sequence[str], setpos: Any) -> int | None:
    if len(byday) != 1:
        raise ValueError(_("it repeats monthly on several weekdays; a ritual has one"))
    day = byday[0]
    prefix = day[: len(day) - len(day.lstrip("+-0123456789"))]
    nth = int(prefix) if prefix else (int(setpos[0]) if setpos else None)
    if nth not in (None, 1, 2, 3, 4, -1):
        raise ValueError(_("it repeats on a weekday Keel cannot name (first to fourth, or last)"))
    return nth
