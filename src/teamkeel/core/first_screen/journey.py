"""The Journey tab's first screen: where the team stands, as the tab last worked it out.

The checks read most of the file (through the ORM), so the tab keeps what its overview
showed in the file with the data version it came from; the first frame shows that."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from teamkeel.core.first_screen.kept import Kept, read_kept

if TYPE_CHECKING:
    from teamkeel.core.journey.checks import Journey

KEPT_AS = "journey"


def read(conn: sqlite3.Connection) -> Kept | None:
    return read_kept(conn, KEPT_AS)


def figures_of(journey: Journey) -> dict[str, object]:
    """The overview as plain lists: next steps, and per phase its heading and checks
    (status, title, evidence)."""
    from teamkeel.core.journey.checks import phase_heading  # loaded with the journey

    phases = []
    for phase in journey.phases:
        heading = phase_heading(phase)
        checks = [[c.status, c.title, c.evidence] for c in phase.checks]
        phases.append({"heading": heading, "checks": checks})
    return {
        "today": journey.today.isoformat(),
        "next_steps": list(journey.next_steps),
        "phases": phases,
    }
