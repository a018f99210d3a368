"""The Stand-up tab's first screen: the newest entries of the log."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from teamkeel.core.first_screen.names import day_text, member_names

FIRST_ROWS = 30  # what a window shows; the tab itself fetches the rest


@dataclass(frozen=True)
class LogGlance:
    total: int
    open_blockers: int
    # (date, kind, from or blocked, helped by, what, tags, status), newest first
    rows: tuple[tuple[str, str, str, str, str, str, str], ...]


def read(conn: sqlite3.Connection) -> LogGlance:
    names = member_names(conn)
    entries = conn.execute(
        "SELECT id, kind, day, member_id, note, tags, resolved_on FROM standup_entry "
        "ORDER BY day DESC, id DESC LIMIT ?",
        (FIRST_ROWS,),
    ).fetchall()
    ids = [e[0] for e in entries]
    helpers: dict[int, list[str]] = {}
    marks = ",".join("?" * len(ids))
    for entry_id, member_id in conn.execute(
        f"SELECT entry_id, member_id FROM standup_person WHERE entry_id IN ({marks}) "
        "ORDER BY entry_id, position",
        ids,
    ):
        helpers.setdefault(entry_id, []).append(names.get(member_id, "?"))
    rows = []
    for entry_id, kind, day, member_id, note, tags, resolved_on in entries:
        if kind == "blocker":
            status = f"Resolved {day_text(resolved_on)}" if resolved_on else "Open"
        else:
            status = ""
        tag_text = " ".join(f"#{t}" for t in (tags or "").split())
        rows.append(
            (
                day_text(day),
                kind.capitalize(),
                names.get(member_id, "?"),
                ", ".join(helpers.get(entry_id, [])),
                note,
                tag_text,
                status,
            )
        )
    total = int(conn.execute("SELECT count(*) FROM standup_entry").fetchone()[0])
    open_blockers = int(
        conn.execute(
            "SELECT count(*) FROM standup_entry WHERE kind = 'blocker' AND resolved_on IS NULL"
        ).fetchone()[0]
    )
    return LogGlance(total, open_blockers, tuple(rows))
