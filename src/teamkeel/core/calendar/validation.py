"""Checks a ritual before it is saved; every problem names the field it is about."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from teamkeel.core.dates import out_of_range

from .domain import FREQUENCIES, Ritual
from .library import KINDS
from .recurrence import first_start, iter_rule

# Every 99 weeks or months is already once in two to eight years; a larger interval is
# a typo, and one of 10**12 would push dates past any calendar.
MAX_INTERVAL = 99
# Long enough for any real title, place (a room and a meeting link) or agenda note;
# short enough that calendars and cards can print them.
MAX_TITLE = 200
MAX_LOCATION = 500
MAX_NOTES = 5000
# Forty years of every working day; more is a typo.
MAX_COUNT = 9999


def problems(ritual: Ritual) -> list[tuple[str, str]]:
    """(field, message) pairs; an empty list means the ritual can be saved."""
    found: list[tuple[str, str]] = []
    rec = ritual.recurrence
    if not ritual.title.strip():
        found.append(("title", "The title is empty."))
    for field, text, limit in (
        ("title", ritual.title, MAX_TITLE),
        ("location", ritual.location, MAX_LOCATION),
        ("notes", ritual.notes, MAX_NOTES),
    ):
        if len(text) > limit:
            found.append((field, f"Keep the {field} under {limit} characters ({len(text)} now)."))
    if ritual.kind not in KINDS:
        found.append(("kind", f"Unknown ritual kind '{ritual.kind}'."))
    try:
        ZoneInfo(ritual.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        found.append(("timezone", f"Unknown timezone '{ritual.timezone}'."))
    if not 1 <= ritual.duration_minutes <= 24 * 60:
        found.append(("duration", "The duration must be between 1 minute and 24 hours."))
    dated = [("start", ritual.start.date()), ("end date", rec.until)]
    dated += [("skipped dates", d) for d in ritual.skipped]
    dated += [("swap", s.day) for s in ritual.swaps]
    found.extend((f, f"{out_of_range(d)}.") for f, d in dated if d and out_of_range(d))
    if rec.freq not in FREQUENCIES:
        found.append(("recurrence", f"Unknown repeat rule '{rec.freq}'."))
        return found
    if not 1 <= rec.interval <= MAX_INTERVAL:
        found.append(("interval", f"The interval must be between 1 and {MAX_INTERVAL}."))
    if any(not 0 <= d <= 6 for d in rec.weekdays):
        found.append(("weekdays", "Weekdays must be Monday to Sunday."))
    if rec.nth is not None and rec.nth not in (1, 2, 3, 4, -1):
        found.append(("nth", "Choose the first to fourth, or the last weekday."))
    if rec.until is not None and rec.count is not None:
        found.append(("end", "Choose an end date or a number of times, not both."))
    if rec.until is not None and rec.until < ritual.start.date():
        found.append(("end date", "The end date is before the start date."))
    if rec.count is not None and not 1 <= rec.count <= MAX_COUNT:
        found.append(("count", f"The number of times must be between 1 and {MAX_COUNT}."))
    if found:
        return found
    first = first_start(ritual)
    if first is None:
        found.append(("recurrence", "This rule produces no occurrence at all."))
        return found
    # Skipping every date of a finite rule leaves nothing to hold.
    if rec.freq == "once" or rec.until is not None or rec.count is not None:
        held = [s for s in iter_rule(ritual) if s.date() not in set(ritual.skipped)]
        if not held:
            found.append(("skipped dates", "Every occurrence is skipped."))
    horizon = max([s.day for s in ritual.swaps] + [first.date()])
    days = {s.date() for s in iter_rule(ritual, datetime.combine(horizon, time.max))}
    for swap in ritual.swaps:
        if swap.day not in days:
            found.append(("swap", f"{swap.day.isoformat()} is not a date of this ritual."))
    return found
