"""A read-only look at a file: is it a Keel team file this version understands?

Plain ``sqlite3`` only, so that the window can check a file before SQLAlchemy loads.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from teamkeel.core.errors import FileRefused
from teamkeel.core.i18n import _
from teamkeel.core.storage import migrate

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
        raise FileRefused(_("{path} is a folder, not a Keel team file.").format(path=path))
    if not path.is_file():
        # A pipe or a device would block the read below, or never end.
        raise FileRefused(
            _("{path} is not a regular file, so not a Keel team file.").format(path=path)
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise FileRefused(
            _("Keel may not read {path}: permission denied.").format(path=path)
        ) from exc
    if not header:
        raise FileRefused(_("{name} is empty: it is not a Keel team file.").format(name=name))
    if header != SQLITE_HEADER:
        raise FileRefused(
            _("{name} is not a Keel team file (it is not a SQLite database).").format(name=name)
        )
    try:
        facts = _read_facts(path)
    except sqlite3.DatabaseError as exc:
        raise FileRefused(
            _("{name} is damaged and cannot be read ({exc}).").format(name=name, exc=exc)
        ) from exc
    if facts.application_id != APPLICATION_ID:
        raise FileRefused(
            _("{name} is a SQLite database of another program, not a Keel team file.").format(
                name=name
            )
        )
    unknown = facts.revisions - migrate.known_revisions()
    if unknown:
        raise FileRefused(
            _(
                "{name} was written by a newer version of Keel (schema {items}); update Keel to "
                "open it."
            ).format(name=name, items=", ".join(sorted(unknown)))
        )
    if not facts.revisions:
        raise FileRefused(
            _("{name} is an unfinished Keel file (it has no schema version).").format(name=name)
        )
    return facts


def is_read_only(path: Path) -> bool:
    """True when Keel may not write ``path`` or create its -wal/-shm beside it: a file
    on read-only media (a locked SD card, a CD, a read-only share) or one this user
    may not change. Such a file can still be read, exported and backed up."""
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def read_only_uri(path: Path) -> str:
    """A SQLite URI that reads ``path`` and never writes to it or beside it.

    ``mode=ro`` first: it shares the write-ahead log index (-shm) with any Keel that
    writes the file. When that index cannot be made, because the folder or medium is
    read-only, no writer can be at work either (it would need the same index), so
    ``immutable=1`` reads the main file as it is. A -wal with content that could not be
    read that way would hide changes: such a file is refused, not shown out of date.
    """
    base = path.resolve().as_uri()
    uri = f"{base}?mode=ro"
    try:
        probe = sqlite3.connect(uri, uri=True)
        try:
            probe.execute("PRAGMA schema_version").fetchone()
            return uri
        finally:
            probe.close()
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise FileRefused(
            _(
                "{file} has changes in {wal_name} that Keel cannot read where it is (read-only); "
                "copy both files to a writable folder and open the copy."
            ).format(file=path.name, wal_name=wal.name)
        )
    return f"{base}?mode=ro&immutable=1"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A ``sqlite3`` connection that only reads ``path`` (see ``read_only_uri``)."""
    return sqlite3.connect(read_only_uri(path), uri=True)


def _read_facts(path: Path) -> FileFacts:
    conn = connect_read_only(path)
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
