"""The Journey tab's first screen: where the team stands, as the tab last worked it out
(kept in the file, see ``teamkeel.core.first_screen.journey``)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from teamkeel.core.first_screen import journey
from teamkeel.core.first_screen.kept import strings
from teamkeel.ui import theme
from teamkeel.ui.first_screen import FirstScreen

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile

MARKS = {"done": "✓", "later": "·"}


def build(team: TeamFile) -> FirstScreen | None:
    with team.reading() as conn:
        kept = journey.read(conn)
    if kept is None:
        return None  # never worked out yet: the tab itself, after all
    figures = kept.figures
    screen = FirstScreen("journey")
    steps = "".join(f"<li>{escape(s)}</li>" for s in strings(figures.get("next_steps")))
    screen.text(f"<b>Next steps</b><ul>{steps}</ul>")
    phases = figures.get("phases")
    for phase in phases if isinstance(phases, list) else []:
        if not isinstance(phase, dict):
            continue
        lines = "".join(
            f"<tr><td>{MARKS.get(str(c[0]), '○')}</td><td>{escape(str(c[1]))}</td>"
            f"<td style='{theme.MUTED_TEXT}'>&nbsp;&nbsp;{escape(str(c[2]))}</td></tr>"
            for c in phase.get("checks", [])
            if isinstance(c, list) and len(c) == 3
        )
        screen.text(f"<b>{escape(str(phase.get('heading', '')))}</b><table>{lines}</table>")
    if kept.current:
        screen.opening_note()
    else:
        screen.opening_note(
            f"As worked out on {escape(str(figures.get('today', '')))}; something has "
            "changed since: checking again in a moment."
        )
    screen.end()
    return screen
