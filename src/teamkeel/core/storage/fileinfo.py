"""A read-only look at a file: is it a Keel team file this version understands?

Plain ``sqlite3`` only, so that the window can check a file before SQLAlchemy loads.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from teamkeel.core.errors import FileRefused
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
