"""The Insights tab's first screen: the figures it showed last time (kept in the file
with the data version they came from); before there are any, what was recorded lately."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from teamkeel.core.first_screen import insights
from teamkeel.core.first_screen.kept import strings
from teamkeel.core.i18n import _
from teamkeel.ui import theme
from teamkeel.ui.first_screen import FirstScreen

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile


def _bullets(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(t)}</li>" for t in lines) + "</ul>"


def build(team: TeamFile) -> FirstScreen | None:
    with team.reading() as conn:
        glance = insights.read(conn, dt.date.today())
    screen = FirstScreen("insights")
    if glance.kept is None:
        if not (glance.kudos or glance.blockers):
            return None  # nothing recorded lately: the tab's own first step
        screen.text(
            _("<b>The last {days} days</b>").format(days=insights.DAYS)
            + _bullets(
                [
                    _("Kudos recorded: {kudos}; blockers recorded: {blockers}.").format(
                        kudos=glance.kudos, blockers=glance.blockers
                    ),
                    _("Blockers still open: {count}.").format(count=glance.open_blockers),
                ]
            )
        )
        screen.opening_note(_("The charts and what stands out follow in a moment."))
        screen.end()
        return screen
    figures = glance.kept.figures
    period = escape(str(figures.get("period", "")))
    screen.text(_("Period: {period} · all roles").format(period=period), theme.MUTED_TEXT)
    screen.text(_("<b>What stands out</b>") + _bullets(strings(figures.get("findings"))))
    if not glance.kept.current:
        # Prompts name people: after a change (a correction, someone removed) they wait
        # for figures computed from the data as it is.
        screen.opening_note(
            _(
                "The data has changed since: recomputing, the conversation prompts follow in a "
                "moment."
            )
        )
        screen.end()
        return screen
    prompts = strings(figures.get("prompts"))
    note = str(figures.get("prompts_note", ""))
    prompt_label = screen.text(
        "<b>Conversation prompts</b> <i>(for your eyes only)</i>"
        + (_bullets(prompts) if prompts else f"<p>{escape(note)}</p>")
        + f"<p style='{theme.MUTED_TEXT}'>{escape(str(figures.get('thresholds', '')))}</p>"
    )
    prompt_label.setStyleSheet(theme.box(theme.PRIVATE, padding=6))
    screen.opening_note(_("The charts follow in a moment."))
    screen.end()
    return screen
