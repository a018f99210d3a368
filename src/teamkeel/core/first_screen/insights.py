"""The Insights tab's first screen: the figures it showed last time (for the last 30
days, the whole team), kept in the file with the data version they came from, and a
count of what was recorded lately when none are kept yet."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from teamkeel.core.first_screen.kept import Kept, read_kept

if TYPE_CHECKING:
    from teamkeel.core.insights.measures import Insights

KEPT_AS = "insights"
DAYS = 30  # the tab's first period: "Last 30 days"


@dataclass(frozen=True)
class InsightsGlance:
    kept: Kept | None
    kudos: int  # in the last DAYS days
    blockers: int
    open_blockers: int


def read(conn: sqlite3.Connection, today: dt.date) -> InsightsGlance:
    since = (today - dt.timedelta(days=DAYS - 1)).isoformat()
    counts = dict(
        conn.execute(
            "SELECT kind, count(*) FROM standup_entry WHERE day >= ? GROUP BY kind", (since,)
        ).fetchall()
    )
    still_open = conn.execute(
        "SELECT count(*) FROM standup_entry WHERE kind = 'blocker' AND resolved_on IS NULL"
    ).fetchone()[0]
    return InsightsGlance(
        read_kept(conn, KEPT_AS),
        int(counts.get("kudos", 0)),
        int(counts.get("blocker", 0)),
        int(still_open),
    )


def figures_of(ins: Insights) -> dict[str, object]:
    """What the first screen shows of computed insights (the tab keeps it)."""
    from teamkeel.core.insights.findings import member_prompts, no_prompts_note, team_findings

    prompts = member_prompts(ins)
    return {
        "period": f"{ins.period.start.isoformat()} to {ins.period.end.isoformat()}",
        "findings": team_findings(ins),
        "prompts": prompts,
        "prompts_note": "" if prompts else no_prompts_note(ins),
        "thresholds": " ".join(ins.thresholds.describe()),
    }
