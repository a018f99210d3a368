"""The Rotations tab's first screen: every rotation with its rounds done and next date,
and who is with whom in the first one's next round."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from teamkeel.core.first_screen.names import day_text, member_names


@dataclass(frozen=True)
class RotationsGlance:
    # (name, "done/planned", next round's date or "")
    rotations: tuple[tuple[str, str, str], ...]
    first: str  # the first rotation's name ("" without any)
    next_round: str  # "Round 6 · 2026-12-09" ("" when none is planned)
    groups: tuple[str, ...]  # each group of the next round: "Ana Sousa · Ελένη Παππά"


def read(conn: sqlite3.Connection) -> RotationsGlance:
    rows = conn.execute(
        "SELECT r.id, r.name, "
        "(SELECT count(*) FROM rotation_round WHERE rotation_id = r.id AND done), "
        "(SELECT count(*) FROM rotation_round WHERE rotation_id = r.id), "
        "(SELECT min(day) FROM rotation_round WHERE rotation_id = r.id AND NOT done) "
        "FROM rotation r"
    ).fetchall()
    rows.sort(key=lambda r: str(r[1]).casefold())
    rotations = tuple(
        (name, f"{done}/{total}", day_text(day)) for _, name, done, total, day in rows
    )
    if not rows:
        return RotationsGlance((), "", "", ())
    first_id, first = rows[0][0], rows[0][1]
    planned = conn.execute(
        "SELECT id, number, day FROM rotation_round WHERE rotation_id = ? AND NOT done "
        "ORDER BY number LIMIT 1",
        (first_id,),
    ).fetchone()
    if planned is None:
        return RotationsGlance(rotations, first, "", ())
    names = member_names(conn)
    groups: dict[int, list[str]] = {}
    for group_no, member_id in conn.execute(
        "SELECT group_no, member_id FROM rotation_seat WHERE round_id = ? ORDER BY group_no, seat",
        (planned[0],),
    ):
        groups.setdefault(group_no, []).append(names.get(member_id, "?"))
    label = f"Round {planned[1] + 1} · {day_text(planned[2])}"  # stored from 0
    return RotationsGlance(rotations, first, label, tuple(" · ".join(g) for g in groups.values()))
