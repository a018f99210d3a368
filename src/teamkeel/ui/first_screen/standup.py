"""The Stand-up tab's first screen: the newest entries of the log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from teamkeel.core.first_screen import standup
from teamkeel.ui import theme
from teamkeel.ui.first_screen import FirstScreen

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile

COLUMNS = ("Date", "Kind", "From / blocked", "Helped by", "What", "Tags", "Status")
WIDTHS = (90, 70, 150, 160, 300, 100)


def build(team: TeamFile) -> FirstScreen | None:
    with team.reading() as conn:
        glance = standup.read(conn)
    if not glance.total:
        return None  # the tab's own first step
    screen = FirstScreen("standup")
    screen.text("Stand-up log", theme.HEADING)
    table = screen.table(COLUMNS, list(glance.rows))
    for column, width in enumerate(WIDTHS):
        table.setColumnWidth(column, width)
    blockers = f"{glance.open_blockers} open blocker" + ("" if glance.open_blockers == 1 else "s")
    screen.text(f"{glance.total} entries · {blockers}", theme.MUTED_TEXT)
    screen.opening_note()
    return screen
