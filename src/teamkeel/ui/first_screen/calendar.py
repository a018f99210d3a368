"""The Calendar tab's first screen: the team's rituals and how they repeat."""

from __future__ import annotations

from typing import TYPE_CHECKING

from teamkeel.core.first_screen import calendar
from teamkeel.core.i18n import N_, _
from teamkeel.ui import theme
from teamkeel.ui.first_screen import FirstScreen

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile

COLUMNS = (N_("Ritual"), N_("Meets"), N_("At"), N_("From"))


def build(team: TeamFile) -> FirstScreen | None:
    with team.reading() as conn:
        glance = calendar.read(conn)
    if not glance.rituals:
        return None  # the tab's own first step
    screen = FirstScreen("calendar")
    screen.text("Rituals", theme.HEADING)
    table = screen.table(COLUMNS, list(glance.rituals))
    table.setColumnWidth(0, 320)
    table.setColumnWidth(1, 420)
    screen.opening_note(_("The month view opens in a moment."))
    return screen
