"""Rituals held versus planned, when the calendar feature is present.

The calendar knows what was planned; the stand-up log shows whether a stand-up actually
took place (something was logged that day).  For other rituals Keel has no record of
attendance, so only the planned count is known and ``held`` is None.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RitualTally:
    title: str
    kind: str
    planned: int  # occurrences planned in the period up to its end (skips excluded)
    held: int | None  # occurrences with evidence they happened, if Keel can tell

    @property
    def share_held(self) -> float | None:
        if self.held is None or not self.planned:
            return None
        return self.held / self.planned
