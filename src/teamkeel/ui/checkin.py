"""The check-in brief from the window: asked for a member and a period, written as PDF.

Used by the Roster (a member's context menu, the last three months) and by Insights (the
person view, the period on screen). Writing a file is not an edit of the team file, so
there is nothing to undo.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.ui.context import AppContext
from teamkeel.ui.options import PAPER_SIZE, current

DEFAULT_DAYS = 91


def export_brief(
    ctx: AppContext,
    member_id: int,
    name: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> None:
    end = end or dt.date.today()
    start = start or end - dt.timedelta(days=DEFAULT_DAYS - 1)

    def chosen(path: str) -> None:
        from teamkeel.core.goals.brief import build_brief, write_brief

        try:
            brief = build_brief(ctx.team, member_id, start, end)
            out = write_brief(brief, Path(path), current(PAPER_SIZE))
        except (KeelError, OSError) as exc:
            ctx.prompts.error(_("Cannot write the check-in brief"), str(exc))
            return
        ctx.prompts.info(
            _("Check-in brief"),
            _("Wrote {name}'s check-in brief to {path}.").format(name=name, path=out),
        )

    slug = re.sub(r"[^\w]+", "-", name.casefold()).strip("-") or "member"
    ctx.prompts.save_file(
        _("Check-in brief for {name} ({first} – {last})").format(name=name, first=start, last=end),
        _("PDF files (*.pdf)"),
        chosen,
        f"checkin-{slug}-{end.isoformat()}.pdf",
    )
