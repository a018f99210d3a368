"""Copies of a live team file made with SQLite's online backup API.

A plain file copy of a database in WAL mode can miss committed pages or catch a page
half-written; the backup API copies a consistent snapshot.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from teamkeel.core.storage.fileinfo import connect_read_only


def snapshot(source: Path, target: Path) -> None:
    """Write a consistent copy of ``source`` to ``target`` (owner-only permissions)."""
    tmp = target.with_name(f".{target.name}.partial")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    src = connect_read_only(source)  # a file on read-only media can be copied too
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            # A copy is a standalone file: no WAL beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(tmp, target)
