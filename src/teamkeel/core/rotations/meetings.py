"""What a rotation shows on the meetings of the ritual it is linked to: the round held at
each meeting. It reads planned rounds, so it sits above the service, unlike ``link``,
which the service uses to follow its ritual."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from teamkeel.core.rotations.files import describe_round
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.storage.teamfile import TeamFile


@dataclass(frozen=True)
class RoundAtMeeting:
    """What a rotation's round says for one meeting of its ritual."""

    rotation: str
    number: int
    text: str


def rounds_on(team: TeamFile, ritual_id: int, day: dt.date) -> list[RoundAtMeeting]:
    """The round of each rotation meeting at this ritual on ``day`` (its pairs, or
    who holds the role), for the calendar to show on that meeting."""
    service = RotationService(team)
    linked = [r.spec for r in service.list_rotations() if r.spec.ritual_id == ritual_id]
    if not linked:
        return []
    names = service.names()
    out = []
    for spec in linked:
        # The n-th meeting holds round n: by number, so that rounds planned before
        # the ritual moved to another day still show on its meetings.
        weeks = (day - spec.start_date).days / 7
        if weeks < 0 or weeks % spec.cadence_weeks or spec.id is None:
            continue
        number = int(weeks) // spec.cadence_weeks
        for view in service.rounds(spec.id):
            if view.number == number:
                text = describe_round(spec, view, names)
                out.append(RoundAtMeeting(spec.name, view.number, text))
    return out
