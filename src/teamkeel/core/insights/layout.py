"""Chart geometry shared by the PDF report and the window, so both draw the same picture.

Pure arithmetic only: unit-circle positions for the help network, "nice" axis ticks, the
colours that mean given / received and one colour per role.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from teamkeel.core.i18n import format_date
from teamkeel.core.insights.network import Node

GIVEN_COLOUR = "#2a7f62"  # green-teal: help given
RECEIVED_COLOUR = "#e0913a"  # warm orange: help received
MEDIAN_COLOUR = "#3465a4"
P90_COLOUR = "#9aa9c9"
SURVEY_COLOUR = "#7a4fa0"
GRID_COLOUR = "#d8d8d8"
TEXT_COLOUR = "#333333"
ROLE_COLOURS = (
    "#3465a4",
    "#c4554d",
    "#2a7f62",
    "#a0713b",
    "#7a4fa0",
    "#4f8aa0",
    "#9c6b8e",
    "#6b8e23",
    "#d17a9c",
    "#5c5c8a",
    "#b8a03a",
    "#3a8f8f",
)


def role_colours(roles: Sequence[str]) -> dict[str, str]:
    """A stable colour per role (in the order given); an empty role is grey."""
    out: dict[str, str] = {}
    for role in roles:
        key = role.strip().casefold()
        if key not in out:
            out[key] = "#888888" if not key else ROLE_COLOURS[len(out) % len(ROLE_COLOURS)]
    return out


def colour_for(colours: dict[str, str], role: str) -> str:
    return colours.get(role.strip().casefold(), "#888888")


def circle_layout(nodes: Sequence[Node]) -> dict[int, tuple[float, float]]:
    """Positions on the unit circle (x right, y up), starting at the top and going
    clockwise, in the nodes' order (grouped by role), so colleagues of one role sit
    together and help across roles shows as chords across the circle.  A lone node sits
    at the top too, not in the centre, where its label would cover it."""
    n = len(nodes)
    out = {}
    for i, node in enumerate(nodes):
        angle = math.pi / 2 - 2 * math.pi * i / max(n, 1)
        out[node.member_id] = (math.cos(angle), math.sin(angle))
    return out


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``top`` (e.g. 0, 5, 10, 15)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def month_label(month: str) -> str:
    """'2026-03' -> 'Mar 2026' (in German 'März 2026'): with the whole year, never read as a day of the month."""
    year, m = month.split("-")
    return format_date(dt.date(int(year), int(m), 1), "MMM y")


def label_every(count: int, room: int) -> int:
    """Label every n-th category so that at most ``room`` labels are drawn."""
    return max(1, math.ceil(count / max(room, 1)))
