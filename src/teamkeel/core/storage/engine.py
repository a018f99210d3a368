"""The SQLAlchemy engine of a team file: foreign keys, WAL, and one write lock per
transaction. Imported only when a file is first written or migrated (see
``TeamFile.engine``), because SQLAlchemy takes longer to import than Qt does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

from teamkeel.core.storage import sqlite_errors
from teamkeel.core.storage.data_version import BUMP_DATA_VERSION


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

    if foreign_keys and read_only_uri is None:  # the engine of a file in use
        count_data_versions(engine)
    event.listen(engine, "handle_error", sqlite_errors.translate)
    return engine


def count_data_versions(engine: Engine) -> None:
    """Every transaction that changed a row also raises the file's data version (see
    ``teamkeel.core.storage.data_version``), inside the same transaction."""

    @event.listens_for(engine, "begin")
    def _note_changes(conn: Connection) -> None:
        conn.info["changes_at_begin"] = _raw(conn).total_changes

    @event.listens_for(engine, "commit")
    def _count_version(conn: Connection) -> None:
        raw = _raw(conn)
        if raw.total_changes != conn.info.pop("changes_at_begin", raw.total_changes):
            raw.execute(BUMP_DATA_VERSION)


def _raw(conn: Connection) -> sqlite3.Connection:
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)  # Keel's engines are all sqlite3
    return raw


def checkpoint(engine: Engine) -> None:
    """Fold the write-ahead log into the main file. Runs on a raw connection: a
    checkpoint cannot run inside the transaction SQLAlchemy would begin."""
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
