"""The Compact tab's first screen: the compact it opens on and its commitments."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from teamkeel.core.first_screen import compact
from teamkeel.core.i18n import N_, _
from teamkeel.ui import theme
from teamkeel.ui.first_screen import FirstScreen

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile


def build(team: TeamFile) -> FirstScreen | None:
    with team.reading() as conn:
        glance = compact.read(conn)
    if glance is None:
        return None  # the tab's own start page is light
    screen = FirstScreen("compact")
    screen.text(_("Showing: {label}").format(label=escape(glance.label)), theme.MUTED_TEXT)
    screen.text(escape(glance.title), theme.TITLE)
    screen.text(escape(glance.purpose))
    rows = [(str(i), *c) for i, c in enumerate(glance.commitments, start=1)]
    table = screen.table(("#", N_("Commitment"), N_("Norm"), N_("Theme")), rows)
    table.setColumnWidth(0, 32)
    table.setColumnWidth(1, 520)
    table.setColumnWidth(2, 220)
    screen.opening_note()
    return screen
