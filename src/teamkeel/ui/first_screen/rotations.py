"""The Rotations tab's first screen: the rotations, and the first one's next round."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from teamkeel.core.first_screen import rotations
from teamkeel.core.i18n import N_, _
from teamkeel.ui import theme
from teamkeel.ui.first_screen import FirstScreen

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile


def build(team: TeamFile) -> FirstScreen | None:
    with team.reading() as conn:
        glance = rotations.read(conn)
    if not glance.rotations:
        return None  # the tab's own first step
    screen = FirstScreen("rotations")
    screen.text("Rotations", theme.HEADING)
    table = screen.table(
        (N_("Rotation"), N_("Done"), N_("Next")), list(glance.rotations), stretch=0
    )
    table.setColumnWidth(0, 260)
    table.setMaximumHeight(40 + 30 * min(len(glance.rotations), 8))
    if glance.next_round:
        screen.text(f"{escape(glance.first)} · {escape(glance.next_round)}", theme.SUBHEADING)
        screen.table((_("Who is with whom"),), [(g,) for g in glance.groups])
    screen.opening_note()
    return screen
