"""The Stand-up tab's first screen: the newest entries of the log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from teamkeel.core.first_screen import standup
from teamkeel.core.i18n import N_, _, ngettext
from teamkeel.ui import theme
from teamkeel.ui.first_screen import FirstScreen

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile

COLUMNS = (
    N_("Date"),
    N_("Kind"),
    N_("From / blocked"),
    N_("Helped by"),
    N_("What"),
    N_("Tags"),
    N_("Status"),
)
WIDTHS = (90, 70, 150, 160, 300, 100)


def build(team: TeamFile) -> FirstScreen | None:
    with team.reading() as conn:
        glance = standup.read(conn)
    if not glance.total:
        return None  # the tab's own first step
    screen = FirstScreen("standup")
    screen.text(_("Stand-up log"), theme.HEADING)
    table = screen.table(COLUMNS, list(glance.rows))
    for column, width in enumerate(WIDTHS):
        table.setColumnWidth(column, width)
    entries = ngettext("{count} entry", "{count} entries", glance.total)
    blockers = ngettext("{count} open blocker", "{count} open blockers", glance.open_blockers)
    screen.text(
        _("{entries} · {blockers}").format(
            entries=entries.format(count=glance.total),
            blockers=blockers.format(count=glance.open_blockers),
        ),
        theme.MUTED_TEXT,
    )
    screen.opening_note()
    return screen
