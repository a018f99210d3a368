"""The Journey tab's first screen: where the team stands, as the tab last worked it out
(kept in the file, see ``teamkeel.core.first_screen.journey``)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont

from teamkeel.core.first_screen import journey
from teamkeel.core.first_screen.kept import strings
from teamkeel.core.i18n import _
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
    screen.text("<b>" + _("Next steps") + f"</b><ul>{steps}</ul>")
    rows, headings = _check_rows(figures.get("phases"))
    table = screen.table(("", _("Check"), _("Evidence")), rows)
    table.horizontalHeader().setVisible(False)
    table.setShowGrid(False)
    table.setColumnWidth(0, 24)
    table.setColumnWidth(1, 420)
    bold = QFont(table.font())
    bold.setBold(True)
    for row in headings:  # a phase's heading across the row
        table.setSpan(row, 0, 1, 3)
        heading = table.item(row, 0)
        if heading is not None:
            heading.setFont(bold)
    if kept.current:
        screen.opening_note()
    else:
        screen.opening_note(
            _(
                "As worked out on {day}; something has changed since: checking again in a moment."
            ).format(day=escape(str(figures.get("today", ""))))
        )
    return screen


def _check_rows(phases: object) -> tuple[list[tuple[str, ...]], list[int]]:
    """One row per phase heading and per check (mark, title, evidence), and the rows
    that are headings. A table, not rich text: it lays out only what is on screen."""
    rows: list[tuple[str, ...]] = []
    headings: list[int] = []
    for phase in phases if isinstance(phases, list) else []:
        if not isinstance(phase, dict):
            continue
        headings.append(len(rows))
        rows.append((str(phase.get("heading", "")), "", ""))
        for check in phase.get("checks", []):
            if isinstance(check, list) and len(check) == 3:
                status, title, evidence = (str(c) for c in check)
                rows.append((MARKS.get(status, "○"), title, evidence))
    return rows, headings
