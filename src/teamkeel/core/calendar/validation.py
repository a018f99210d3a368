"""Checks a ritual before it is saved; every problem names the field it is about."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from teamkeel.core.dates import out_of_range
from teamkeel.core.i18n import N_, _

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
# The fields problems name, as the editor and the import show them.
FIELDS = {
    "title": N_("Title"),
    "location": N_("Location"),
    "notes": N_("Notes"),
    "kind": N_("Kind"),
    "timezone": N_("Time zone"),
    "duration": N_("Duration"),
    "start": N_("Start"),
    "end": N_("End"),
    "end date": N_("End date"),
    "count": N_("Number of times"),
    "skipped dates": N_("Skipped dates"),
    "swap": N_("Swap"),
    "recurrence": N_("Repeats"),
    "interval": N_("Interval"),
    "weekdays": N_("Weekdays"),
    "nth": N_("Weekday of the month"),
}


def field_label(field: str) -> str:
    """A problem's field as the lead reads it, in the chosen language."""
    return _(FIELDS[field]) if field in FIELDS else field.capitalize()


def problems(ritual: Ritual) -> list[tuple[str, str]]:
    """(field, message) pairs; an empty list means the ritual can be saved."""
    found: list[tuple[str, str]] = []
    rec = ritual.recurrence
    if not ritual.title.strip():
        found.append(("title", _("The title is empty.")))
    too_long = (
        (
            "title",
            ritual.title,
            MAX_TITLE,
            _("Keep the title under {limit} characters ({length} now)."),
        ),
        (
            "location",
            ritual.location,
            MAX_LOCATION,
            _("Keep the location under {limit} characters ({length} now)."),
        ),
        (
            "notes",
            ritual.notes,
            MAX_NOTES,
            _("Keep the notes under {limit} characters ({length} now)."),
        ),
    )
    for field, text, limit, message in too_long:
        if len(text) > limit:
            found.append((field, message.format(limit=limit, length=len(text))))
    if ritual.kind not in KINDS:
        found.append(("kind", _("Unknown ritual kind '{kind}'.").format(kind=ritual.kind)))
    try:
        ZoneInfo(ritual.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        found.append(("timezone", _("Unknown timezone '{zone}'.").format(zone=ritual.timezone)))
    if not 1 <= ritual.duration_minutes <= 24 * 60:
        found.append(("duration", _("The duration must be between 1 minute and 24 hours.")))
    dated = [("start", ritual.start.date()), ("end date", rec.until)]
    dated += [("skipped dates", d) for d in ritual.skipped]
    dated += [("swap", s.day) for s in ritual.swaps]
    found.extend((f, f"{out_of_range(d)}.") for f, d in dated if d and out_of_range(d))
    if rec.freq not in FREQUENCIES:
        found.append(("recurrence", _("Unknown repeat rule '{rule}'.").format(rule=rec.freq)))
        return found
    if not 1 <= rec.interval <= MAX_INTERVAL:
        found.append(
            ("interval", _("The interval must be between 1 and {most}.").format(most=MAX_INTERVAL))
        )
    if any(not 0 <= d <= 6 for d in rec.weekdays):
        found.append(("weekdays", _("Weekdays must be Monday to Sunday.")))
    if rec.nth is not None and rec.nth not in (1, 2, 3, 4, -1):
        found.append(("nth", _("Choose the first to fourth, or the last weekday.")))
    if rec.until is not None and rec.count is not None:
        found.append(("end", _("Choose an end date or a number of times, not both.")))
    if rec.until is not None and rec.until < ritual.start.date():
        found.append(("end date", _("The end date is before the start date.")))
    if rec.count is not None and not 1 <= rec.count <= MAX_COUNT:
        found.append(
            ("count", _("The number of times must be between 1 and {most}.").format(most=MAX_COUNT))
        )
    if found:
        return found
    first = first_start(ritual)
    if first is None:
        found.append(("recurrence", _("This rule produces no occurrence at all.")))
        return found
    # Skipping every date of a finite rule leaves nothing to hold.
    if rec.freq == "once" or rec.until is not None or rec.count is not None:
        held = [s for s in iter_rule(ritual) if s.date() not in set(ritual.skipped)]
        if not held:
            found.append(("skipped dates", _("Every occurrence is skipped.")))
    horizon = max([s.day for s in ritual.swaps] + [first.date()])
    days = {s.date() for s in iter_rule(ritual, datetime.combine(horizon, time.max))}
    for swap in ritual.swaps:
        if swap.day not in days:
            found.append(
                ("swap", _("{day} is not a date of this ritual.").format(day=swap.day.isoformat()))
            )
    return found
