"""Opening, creating and migrating a team file.

A team file is one SQLite database. Before Keel writes to a file it checks, through a
read-only connection, that the file is a Keel file this version understands; a file it
refuses is never modified. New files are built under a temporary name and renamed into
place, so a crash during creation never leaves a half-made team file behind.

Opening a file needs no SQLAlchemy, and neither do the reads of the window's first
frame: the roster and the team name are read with plain SQL through ``reading()`` (a
``sqlite3`` connection that may not write), so the window can show a team before
SQLAlchemy, slower to import than Qt itself, has loaded. Every other read, and every
write, goes through the ORM in ``session()``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from teamkeel.core.errors import FileRefused
from teamkeel.core.i18n import _
from teamkeel.core.storage import migrate, sqlite_errors
from teamkeel.core.storage.fileinfo import (
    APPLICATION_ID,
    SQLITE_HEADER,
    FileFacts,
    inspect_file,
    is_read_only,
    read_only_uri,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker


class WriteWatcher(Protocol):
    def before_write(self) -> None: ...
    def after_write(self) -> None: ...


__all__ = ["APPLICATION_ID", "SQLITE_HEADER", "FileFacts", "TeamFile", "inspect_file"]


def _make_engine(path: Path, foreign_keys: bool, read_only: bool = False) -> Engine:
    from teamkeel.core.storage.engine import make_engine  # SQLAlchemy: see the docstring

    return make_engine(path, foreign_keys, read_only_uri(path) if read_only else None)


@contextmanager
def _user_errors() -> Iterator[None]:
    """SQLite failures a user can act on (busy, disk full, file gone) become one-line
    ``StorageError``s; an attempt to write through the reading connection is a bug and
    stays one."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        message = sqlite_errors.user_message(exc)
        if message is None or "readonly" in str(exc):
            raise
        raise sqlite_errors.StorageError(message) from exc


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the main file, so that it is one file again."""
    # mode=rw: a file moved or deleted while open must not come back empty.
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=1,
                           isolation_level=None)  # fmt: skip
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (0600 on POSIX)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


class TeamFile:
    """An open team file. Services read in ``reading()`` and write in ``session()``;
    nothing else touches the connections."""

    def __init__(self, path: Path, read_only: bool = False):
        self.path = path
        # On read-only media (or without permission to write) Keel reads, exports and
        # backs the file up; every write fails with a one-line "read-only" message.
        self.read_only = read_only
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._sessions: sessionmaker[Session] | None = None
        self._reader: sqlite3.Connection | None = None
        # The thread that opened the file keeps one reading connection; another thread
        # (a worker of the window) gets one of its own for each outermost reading()
        # block, so that no SQLite connection is shared and a long read in a worker
        # never makes the window wait for the lock.
        self._owner = threading.get_ident()
        self._reader_lock = threading.RLock()
        self._read_depth = 0
        self._worker_reads = threading.local()
        # What the before-open hooks had to say (e.g. a backup that could not be made).
        self.open_warnings: tuple[str, ...] = ()
        _OPEN_FILES.add(self)
        # Told around each write (``storage.watch.ChangeWatch``), so that the window can
        # tell its own writes from those of another process.
        self._write_watchers: list[WriteWatcher] = []
        # session() blocks open, per thread (see ``writing``): a worker's session must
        # not make the main thread think it is inside one.
        self._writing = threading.local()

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], create: bool = False) -> TeamFile:
        """Open an existing team file (migrating it), or create one if ``create``."""
        target = Path(path).expanduser()
        if not target.exists():
            if not create:
                raise FileRefused(_("There is no team file at {target}.").format(target=target))
            return cls.create(target)
        facts = inspect_file(target)
        if is_read_only(target):
            return cls._open_read_only(target, facts)
        warnings = tuple(w for hook in list(BEFORE_OPEN_HOOKS) if (w := hook(target)))
        # The hooks only copy the file, so the revisions read above still hold.
        if migrate.lacks_migrations(facts.revisions):
            logging.getLogger(__name__).info(
                "Upgrading %s from %s", target, ", ".join(sorted(facts.revisions)) or "nothing"
            )
            migration_engine = _make_engine(target, foreign_keys=False)
            try:
                migrate.upgrade(migration_engine)
            finally:
                migration_engine.dispose()
        team = cls(target)
        team.open_warnings = warnings
        with _user_errors():
            team._reader_connection()
        return team

    @classmethod
    def _open_read_only(cls, target: Path, facts: FileFacts) -> TeamFile:
        # No backup on open: nothing Keel does can change this file.
        if migrate.lacks_migrations(facts.revisions):
            raise FileRefused(
                _(
                    "{file} is read-only and was written by an older Keel; copy it to a writable "
                    "folder and open the copy to bring it up to date."
                ).format(file=target.name)
            )
        team = cls(target, read_only=True)
        with _user_errors():
            team._reader_connection()
        return team

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> TeamFile:
        """Create a new team file; refuse to overwrite anything that exists. (To name the
        team as well: ``teamkeel.core.team_info.create_team``.)"""
        target = Path(path).expanduser()
        if target.exists():
            raise FileRefused(
                _("{target} already exists; Keel will not overwrite it.").format(target=target)
            )
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
            finally:
                engine.dispose()
            # Fold the WAL into the main file so the rename moves everything.
            _checkpoint(tmp)
            if target.exists():
                raise FileRefused(
                    _("{target} already exists; Keel will not overwrite it.").format(target=target)
                )
            os.replace(tmp, target)
        finally:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                if leftover.exists():
                    leftover.unlink()
        return cls(target)

    # -- use -------------------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use."""
        with self._engine_lock:  # the window makes it on a worker (prepare_orm)
            if self._engine is None:
                self._engine = _make_engine(self.path, foreign_keys=True, read_only=self.read_only)
            return self._engine

    def prepare_orm(self) -> None:
        """Import SQLAlchemy and every feature's models now, so that the first write
        does not wait for them (the window calls this right after its first frame)."""
        from sqlalchemy.orm import configure_mappers

        from teamkeel.core.storage.models_registry import load_all_models

        load_all_models()
        configure_mappers()
        self.engine  # noqa: B018 - made for its side effect

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        watchers = list(self._write_watchers)
        self._writing.depth = getattr(self._writing, "depth", 0) + 1
        try:
            with self._sessions.begin() as session:
                if watchers:
                    session.connection()  # BEGIN IMMEDIATE now: nobody commits until we do
                    for watcher in watchers:
                        watcher.before_write()
                yield session
        finally:
            self._writing.depth -= 1
        for watcher in watchers:
            watcher.after_write()

    @property
    def writing(self) -> bool:
        """True inside a ``session()`` block of this thread. Whoever reports progress
        from inside one (a large import) must not let the event loop run meanwhile: a
        timer that opens a session of its own would wait for this one, on the same
        thread, forever. (A worker's session elsewhere only makes such a timer wait.)"""
        return getattr(self._writing, "depth", 0) > 0

    def data_version(self) -> int:
        """The file's data version (``core.storage.data_version``), 0 on a file that has
        none yet."""
        from teamkeel.core.storage.data_version import data_version

        with self.reading() as conn:
            return data_version(conn)

    def keep_derived(self, name: str, version: int, figures: object) -> bool:
        """Keep figures computed from data ``version`` in the file (see
        ``core.storage.data_version``): a write of its own, which neither raises the data
        version nor counts as an outside change. False if they were not kept: the data
        changed meanwhile, the file is read-only, or SQLite refused (they are only ever
        a head start for the next start, never worth an error)."""
        if self.read_only:
            return False
        from teamkeel.core.storage.data_version import data_version, derived_row

        watchers = list(self._write_watchers)
        uri = f"{self.path.resolve().as_uri()}?mode=rw"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=15, isolation_level=None)
        except sqlite3.Error:
            return False
        began = False
        try:
            conn.execute("BEGIN IMMEDIATE")
            began = True
            for watcher in watchers:
                watcher.before_write()
            if data_version(conn) != version:
                conn.execute("ROLLBACK")
                return False
            key, value = derived_row(name, version, figures)
            kept = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
            if kept is not None and kept[0] == value:
                conn.execute("ROLLBACK")  # the same again: the file stays as it is
                return True
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            conn.execute("COMMIT")
            return True
        except sqlite3.Error:
            return False
        finally:
            conn.close()  # rolls back whatever was not committed
            for watcher in watchers if began else ():
                watcher.after_write()

    def add_write_watcher(self, watcher: WriteWatcher) -> None:
        self._write_watchers.append(watcher)

    def remove_write_watcher(self, watcher: WriteWatcher) -> None:
        if watcher in self._write_watchers:
            self._write_watchers.remove(watcher)

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A plain ``sqlite3`` connection inside one read transaction, so that a service
        reads a consistent state. The connection refuses writes (``query_only``); blocks
        may nest. It sees what is committed: inside a ``session()`` block, not that
        session's own changes."""
        if threading.get_ident() != self._owner:
            with _user_errors(), self._worker_reading() as conn:
                yield conn
            return
        with self._reader_lock, _user_errors():
            conn = self._reader_connection()
            outermost = self._read_depth == 0
            if outermost:
                conn.execute("BEGIN")
            self._read_depth += 1
            try:
                yield conn
            finally:
                self._read_depth -= 1
                if outermost:
                    conn.execute("COMMIT")

    @contextmanager
    def _worker_reading(self) -> Iterator[sqlite3.Connection]:
        """reading() in a thread other than the one that opened the file."""
        local = self._worker_reads
        if getattr(local, "conn", None) is not None:  # a nested block
            yield local.conn
            return
        local.conn = self._connect_reader()
        try:
            local.conn.execute("BEGIN")
            try:
                yield local.conn
            finally:
                local.conn.execute("COMMIT")
        finally:
            local.conn.close()
            local.conn = None

    def _reader_connection(self) -> sqlite3.Connection:
        if self._reader is None:
            self._reader = self._connect_reader()
        return self._reader

    def _connect_reader(self) -> sqlite3.Connection:
        # mode=rw: never create a file that was moved or deleted meanwhile.
        uri = f"{self.path.resolve().as_uri()}?mode=rw"
        conn = sqlite3.connect(
            read_only_uri(self.path) if self.read_only else uri,
            uri=True,
            timeout=15,
            isolation_level=None,
            check_same_thread=False,  # closed by whichever thread closes the file
        )
        try:
            # A file in use is in WAL mode from the moment it opens, whether or not
            # anything writes to it: readers and a writer in another process then
            # never block each other, and a crash leaves no journal to undo.
            if not self.read_only:
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA query_only=ON")
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        _OPEN_FILES.discard(self)
        with self._reader_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            self._sessions = None
        # Closing must not fail because another process holds the file.
        if not self.read_only:
            with contextlib.suppress(sqlite3.Error):
                _checkpoint(self.path)

    def __enter__(self) -> TeamFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Team files open in this process: exports refuse to write over them
# (``teamkeel.core.files.refuse_team_file``).
_OPEN_FILES: weakref.WeakSet[TeamFile] = weakref.WeakSet()


def open_team_paths() -> list[Path]:
    """The paths of the team files this process has open."""
    return [team.path for team in list(_OPEN_FILES)]


# Called with the path of an existing, inspected file before Keel migrates or writes to
# it. A hook refuses the file by raising ``FileRefused``, or returns a warning that the
# opened ``TeamFile`` carries in ``open_warnings`` (None: nothing to say). The safety
# feature adds its backup with ``teamkeel.core.safety.hooks.install()``, which the
# command line calls when it starts (and the window through it).
OpenHook = Callable[[Path], "str | None"]
BEFORE_OPEN_HOOKS: list[OpenHook] = []


def back_up_before_open(path: Path) -> None:
    """Run the before-open hooks on an existing Keel file now (on a worker: the backup
    copies and checks the whole file), so that the ``TeamFile.open`` that follows finds
    its backup fresh. Raises what ``open`` would raise about the file."""
    target = Path(path).expanduser()
    if not target.exists():
        return
    inspect_file(target)  # refuses a file that is not Keel's before anything is copied
    if not is_read_only(target):
        for hook in list(BEFORE_OPEN_HOOKS):
            hook(target)


def add_before_open_hook(hook: OpenHook) -> None:
    if hook not in BEFORE_OPEN_HOOKS:
        BEFORE_OPEN_HOOKS.append(hook)
