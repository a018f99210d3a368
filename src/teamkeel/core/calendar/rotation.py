"""Facilitator rotation: hand the role on, occurrence by occurrence.

Each held occurrence goes to the next member in the rotation who can facilitate that
day (not archived, not absent); members who cannot are passed over and the turn moves
on, so the order stays predictable. A swap replaces the facilitator of one occurrence
only: the rotation continues as if the scheduled person had taken their turn, so one
change never reshuffles the weeks after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Assignment:
    member_id: int | None
    swapped: bool = False


def assign_facilitators(
    days: Sequence[date],
    rotation: Sequence[int],
    can_facilitate: Callable[[int, date], bool],
    swaps: dict[date, int] | None = None,
    fixed: int | None = None,
) -> list[Assignment]:
    """One Assignment per day in `days` (the held occurrences, in order)."""
    swaps = swaps or {}
    result: list[Assignment] = []
    turn = 0  # index into rotation of whose turn it is next
    for day in days:
        scheduled: int | None = fixed
        if rotation:
            scheduled = None
            for step in range(len(rotation)):
                candidate = rotation[(turn + step) % len(rotation)]
                if can_facilitate(candidate, day):
                    scheduled = candidate
                    turn = (turn + step + 1) % len(rotation)
                    break
        if day in swaps:
            result.append(Assignment(swaps[day], swapped=True))
        else:
            result.append(Assignment(scheduled))
    return result
