"""The SQLAlchemy engine of a team file: foreign keys, WAL, and one write lock per
transaction. Imported only when a file is first written or migrated (see
``TeamFile.engine``), because SQLAlchemy takes longer to import than Qt does."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from teamkeel.core.storage import sqlite_errors


def make_engine(path: Path, foreign_keys: bool, read_only_uri: str | None = None) -> Engine:
    """The engine of ``path``; with ``read_only_uri`` (see ``fileinfo.read_only_uri``)
    one that reads a file on read-only media and fails every write."""
    # mode=rw: the file exists (it was inspected, or made empty for a new team), and a
    # file moved or deleted while open must fail, not come back empty.
    uri = read_only_uri or f"{path.resolve().as_uri()}?mode=rw"
    url = f"sqlite:///{uri}&uri=true"
    engine = create_engine(url, connect_args={"timeout": 15})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so
        # that every session really is one transaction (see the "begin" hook below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        if read_only_uri is None:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock up front, so a second Keel process (the window
        # and `teamkeel log` from a chat bridge) waits its turn under the busy timeout.
        # A plain BEGIN starts as a reader, and a reader whose snapshot went stale
        # cannot become a writer: SQLite fails it at once with "database is locked".
        # In WAL mode readers never wait for it.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "handle_error", sqlite_errors.translate)
    return engine


def checkpoint(engine: Engine) -> None:
    """Fold the write-ahead log into the main file. Runs on a raw connection: a
    checkpoint cannot run inside the transaction SQLAlchemy would begin."""
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
