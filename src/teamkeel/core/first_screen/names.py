"""Member names by id, as every first screen shows people."""

from __future__ import annotations

import sqlite3


def member_names(conn: sqlite3.Connection) -> dict[int, str]:
    return {int(i): str(n) for i, n in conn.execute("SELECT id, name FROM member")}


def day_text(iso: str | None) -> str:
    """A stored date (or the date part of a stored datetime) as the tabs show it."""
    return (iso or "")[:10]
