"""iCalendar export: one VEVENT per ritual, with its RRULE, EXDATEs and VTIMEZONEs.

DTSTART is the first occurrence the rule yields (RFC 5545 counts DTSTART as the
first instance, dateutil only yields matching dates), with a TZID so clients keep
the local wall time across daylight-saving changes, exactly like recurrence.py.
The UID is the ritual's stored uid, so importing a newer export updates events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

from teamkeel.core.i18n import _
from teamkeel.core.text import strip_controls

from .domain import Ritual
from .library import KINDS
from .people import Person
from .recurrence import first_start, ics_rrule, iter_rule
from .schedule import occurrences

PRODID = "-//Keel//Team ritual calendar//EN"
# How many upcoming facilitators a rotating ritual lists in its description.
UPCOMING_IN_DESCRIPTION = 12


def describe(ritual: Ritual, people: Mapping[int, Person], from_day: date) -> str:
    """The event description: who facilitates, who attends, then the guide."""
    lines: list[str] = []
    name = lambda member_id: people[member_id].name if member_id in people else "?"  # noqa: E731
    if ritual.rotation:
        order = " → ".join(name(m) for m in ritual.rotation)
        lines.append(
            _("Facilitators rotate: {order} (absent members are skipped).").format(order=order)
        )
        upcoming = occurrences(ritual, from_day, from_day + timedelta(days=366), people)
        if upcoming:
            lines.append(_("Upcoming facilitators:"))
            for occ in upcoming[:UPCOMING_IN_DESCRIPTION]:
                mark = _(" (swapped)") if occ.swapped else ""
                lines.append(f"  {occ.day.isoformat()}: {occ.facilitator_name or '—'}{mark}")
    elif ritual.facilitator_id is not None:
        lines.append(_("Facilitator: {name}").format(name=name(ritual.facilitator_id)))
    if ritual.attendees is None:
        lines.append(_("Attendees: the whole team"))
    else:
        lines.append(
            _("Attendees: {names}").format(names=", ".join(name(m) for m in ritual.attendees))
        )
    if ritual.notes:
        lines += ["", ritual.notes]
    info = KINDS.get(ritual.kind)
    if info is not None:
        how = _("How to run this ritual ({kind}):").format(kind=info.label)
        lines += ["", how, info.guide.as_text()]
    return "\n".join(lines)


def text(value: str) -> vText:
    """A text property: control characters dropped, then escaped by icalendar (commas,
    semicolons, line breaks), so that no text can end a line or start a property."""
    return vText(strip_controls(value))


def build_calendar(
    rituals: Sequence[Ritual],
    people: Mapping[int, Person],
    *,
    team_name: str = "Team",
    stamp: datetime | None = None,
    from_day: date | None = None,
) -> Calendar:
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    from_day = from_day or stamp.date()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", text(f"{team_name} rituals"))
    earliest: date | None = None
    for ritual in rituals:
        first = first_start(ritual)
        if first is None:
            continue
        zone = ZoneInfo(ritual.timezone)
        start = first.replace(tzinfo=zone)
        event = Event()
        event.add("uid", text(ritual.uid))
        event.add("dtstamp", stamp)
        event.add("summary", text(ritual.title))
        event.add("dtstart", start)
        event.add("dtend", start + ritual.duration)
        rule = ics_rrule(ritual.recurrence, ritual.start, ritual.timezone)
        if rule is not None:
            event.add("rrule", rule)
            # Only skipped dates the rule really produces become EXDATEs.
            last = max(ritual.skipped, default=first.date())
            rule_days = {
                s.date(): s for s in iter_rule(ritual, datetime.combine(last, datetime.max.time()))
            }
            exdates = [
                rule_days[d].replace(tzinfo=zone) for d in sorted(ritual.skipped) if d in rule_days
            ]
            if exdates:
                event.add("exdate", exdates)
        if ritual.location:
            event.add("location", text(ritual.location))
        info = KINDS.get(ritual.kind)
        if info is not None:
            event.add("categories", [strip_controls(info.label)])
        event.add("description", text(describe(ritual, people, from_day)))
        cal.add_component(event)
        earliest = min(earliest, first.date()) if earliest else first.date()
    if earliest is not None:
        cal.add_missing_timezones(first_date=date(earliest.year - 1, 1, 1))
    return cal


def export_ics(rituals: Sequence[Ritual], people: Mapping[int, Person], **kwargs) -> bytes:
    return build_calendar(rituals, people, **kwargs).to_ical()
