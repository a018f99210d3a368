"""Two Keel processes writing the same team file (the window and ``teamkeel log kudos``
from a chat-bot bridge) must both succeed, one after the other.

SQLite's write-ahead log lets readers run beside a writer, and the busy timeout makes a
second writer wait its turn — but only if it asks for the write lock when its
transaction begins. A plain ``BEGIN`` starts as a reader; when it later tries to write
after another process committed, SQLite cannot let it (its snapshot is stale) and fails
at once with "database is locked", without waiting. ``BEGIN IMMEDIATE`` takes the write
lock up front and therefore waits, so every Keel transaction begins that way.

A WAL checkpoint cannot run inside a write transaction; ``TeamFile`` checkpoints on a
connection that has just begun one and done nothing else, so that empty transaction is
ended first.

The rewrite is an SQLAlchemy listener on every SQLite engine, installed once when
``teamkeel.core.safety.hooks`` loads (``TeamFile.open`` loads it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

_IDLE = "keel_idle_write_transaction"


def _begin_immediate(
    conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
) -> tuple[str, Any]:
    if conn.dialect.name != "sqlite":
        return statement, parameters
    if statement == "BEGIN":
        conn.info[_IDLE] = True
        return "BEGIN IMMEDIATE", parameters
    if conn.info.pop(_IDLE, False) and statement.startswith("PRAGMA wal_checkpoint"):
        cursor.execute("COMMIT")  # nothing was done in it; SQLAlchemy's commit is a no-op
    return statement, parameters


def install() -> None:
    if not event.contains(Engine, "before_cursor_execute", _begin_immediate):
        event.listen(Engine, "before_cursor_execute", _begin_immediate, retval=True)
