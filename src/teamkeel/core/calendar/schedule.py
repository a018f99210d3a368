"""Ritual -> occurrences in a date window, with facilitators filled in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time

from .domain import Occurrence, Ritual
from .people import Person
from .recurrence import held_starts
from .rotation import assign_facilitators


def occurrences(
    ritual: Ritual,
    first_day: date,
    last_day: date,
    people: Mapping[int, Person],
) -> list[Occurrence]:
    """Held occurrences whose local date (in the ritual's timezone) lies in the window.

    The rotation is always counted from the ritual's first occurrence, so a window
    shows the same facilitators whatever range it starts at.
    """
    starts = held_starts(ritual, until=datetime.combine(last_day, time.max))
    days = [start.date() for start in starts]

    def can_facilitate(member_id: int, day: date) -> bool:
        person = people.get(member_id)
        return person is not None and person.can_facilitate(day)

    assignments = assign_facilitators(
        days,
        ritual.rotation,
        can_facilitate,
        swaps={swap.day: swap.member_id for swap in ritual.swaps},
        fixed=ritual.facilitator_id,
    )
    result = []
    for index, (start, assignment) in enumerate(zip(starts, assignments, strict=True)):
        if start.date() < first_day:
            continue
        person = people.get(assignment.member_id) if assignment.member_id else None
        result.append(
            Occurrence(
                ritual_id=ritual.id,
                uid=ritual.uid,
                kind=ritual.kind,
                title=ritual.title,
                start=start,
                end=start + ritual.duration,
                timezone=ritual.timezone,
                index=index,
                facilitator_id=assignment.member_id,
                facilitator_name=person.name if person else "",
                swapped=assignment.swapped,
                location=ritual.location,
            )
        )
    return result


def all_occurrences(
    rituals: Iterable[Ritual], first_day: date, last_day: date, people: Mapping[int, Person]
) -> list[Occurrence]:
    """Every ritual's occurrences in the window, in time order (then title)."""
    found: list[Occurrence] = []
    for ritual in rituals:
        found.extend(occurrences(ritual, first_day, last_day, people))
    found.sort(key=lambda o: (o.start, o.title, o.uid))
    return found
