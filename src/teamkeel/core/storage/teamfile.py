"""Opening, creating and migrating a team file.

A team file is one SQLite database. Before Keel writes to a file it checks, through a
read-only connection, that the file is a Keel file this version understands; a file it
refuses is never modified. New files are built under a temporary name and renamed into
place, so a crash during creation never leaves a half-made team file behind.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from teamkeel.core.errors import FileRefused
from teamkeel.core.storage import migrate, sqlite_errors

# PRAGMA application_id marks a SQLite file as Keel's ("KEEL" in ASCII).
APPLICATION_ID = 0x4B45454C
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileFacts:
    """What a read-only look at an existing file found."""

    application_id: int
    tables: frozenset[str]
    revisions: frozenset[str]


def inspect_file(path: Path) -> FileFacts:
    """Look at an existing file without changing it; raise FileRefused if it is not Keel's."""
    name = path.name
    if path.is_dir():
        raise FileRefused(f"{path} is a folder, not a Keel team file.")
    if not path.is_file():
        # A pipe or a device would block the read below, or never end.
        raise FileRefused(f"{path} is not a regular file, so not a Keel team file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise FileRefused(f"Keel may not read {path}: permission denied.") from exc
    if not header:
        raise FileRefused(f"{name} is empty: it is not a Keel team file.")
    if header != SQLITE_HEADER:
        raise FileRefused(f"{name} is not a Keel team file (it is not a SQLite database).")
    try:
        facts = _read_facts(path)
    except sqlite3.DatabaseError as exc:
        raise FileRefused(f"{name} is damaged and cannot be read ({exc}).") from exc
    if facts.application_id != APPLICATION_ID:
        raise FileRefused(f"{name} is a SQLite database of another program, not a Keel team file.")
    unknown = facts.revisions - migrate.known_revisions()
    if unknown:
        raise FileRefused(
            f"{name} was written by a newer version of Keel (schema "
            f"{', '.join(sorted(unknown))}); update Keel to open it."
        )
    if not facts.revisions:
        raise FileRefused(f"{name} is an unfinished Keel file (it has no schema version).")
    return facts


def _read_facts(path: Path) -> FileFacts:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.OperationalError:
        # A WAL file without its -shm cannot be opened read-only; immutable still reads
        # the main file and never writes.
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        (app_id,) = conn.execute("PRAGMA application_id").fetchone()
        tables = frozenset(
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        )
        revisions: frozenset[str] = frozenset()
        if "alembic_version" in tables:
            revisions = frozenset(
                row[0] for row in conn.execute("SELECT version_num FROM alembic_version")
            )
        return FileFacts(int(app_id), tables, revisions)
    finally:
        conn.close()


def _make_engine(path: Path, foreign_keys: bool) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 15})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so
        # that every session really is one transaction (see the "begin" hook below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        # IMMEDIATE takes the write lock up front, so a second Keel process (the window
        # and `teamkeel log` from a chat bridge) waits its turn under the busy timeout.
        # A plain BEGIN starts as a reader, and a reader whose snapshot went stale
        # cannot become a writer: SQLite fails it at once with "database is locked".
        # In WAL mode readers never wait for it.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "handle_error", sqlite_errors.translate)
    return engine


def _checkpoint(engine: Engine) -> None:
    """Fold the write-ahead log into the main file. Runs on a raw connection: a
    checkpoint cannot run inside the transaction SQLAlchemy would begin."""
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def _create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (0600 on POSIX)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


class TeamFile:
    """An open team file. Services use ``session()``; nothing else touches the engine."""

    def __init__(self, path: Path, engine: Engine):
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], create: bool = False) -> TeamFile:
        """Open an existing team file (migrating it), or create one if ``create``."""
        target = Path(path).expanduser()
        if not target.exists():
            if not create:
                raise FileRefused(f"There is no team file at {target}.")
            return cls.create(target)
        inspect_file(target)
        if not os.access(target, os.W_OK) or not os.access(target.parent, os.W_OK):
            raise FileRefused(f"{target.name} is read-only; Keel needs to write to it.")
        for hook in before_open_hooks():
            hook(target)
        if migrate.needs_upgrade(target):
            migration_engine = _make_engine(target, foreign_keys=False)
            try:
                migrate.upgrade(migration_engine)
            finally:
                migration_engine.dispose()
        return cls(target, _make_engine(target, foreign_keys=True))

    @classmethod
    def create(cls, path: str | os.PathLike[str], team_name: str = "") -> TeamFile:
        """Create a new team file; refuse to overwrite anything that exists."""
        target = Path(path).expanduser()
        if target.exists():
            raise FileRefused(f"{target} already exists; Keel will not overwrite it.")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        os.close(fd)
        os.unlink(tmp_name)
        tmp = Path(tmp_name)
        try:
            _create_private_file(tmp)
            engine = _make_engine(tmp, foreign_keys=False)
            try:
                with engine.begin() as conn:
                    conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                migrate.upgrade(engine)
                # Fold the WAL into the main file so the rename moves everything.
                _checkpoint(engine)
            finally:
                engine.dispose()
            if target.exists():
                raise FileRefused(f"{target} already exists; Keel will not overwrite it.")
            os.replace(tmp, target)
        finally:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                if leftover.exists():
                    leftover.unlink()
        team = cls(target, _make_engine(target, foreign_keys=True))
        if team_name:
            from teamkeel.core.team_info import TeamInfoService

            TeamInfoService(team).rename(team_name)
        return team

    # -- use -------------------------------------------------------------------------
    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        # Closing must not fail because another process holds the file.
        with contextlib.suppress(sqlite3.Error):
            _checkpoint(self.engine)
        self.engine.dispose()

    def __enter__(self) -> TeamFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Called with the path of an existing, inspected file before Keel migrates or writes to
# it. The safety feature (rolling backups) adds itself from ``teamkeel.core.safety.hooks``.
BEFORE_OPEN_HOOKS: list[Callable[[Path], None]] = []


@cache
def _load_hook_modules() -> None:
    if (
        importlib.util.find_spec("teamkeel.core.safety") is not None
        and importlib.util.find_spec("teamkeel.core.safety.hooks") is not None
    ):
        importlib.import_module("teamkeel.core.safety.hooks")


def before_open_hooks() -> list[Callable[[Path], None]]:
    _load_hook_modules()
    return list(BEFORE_OPEN_HOOKS)
