"""Back a team file up every time Keel opens it, before any migration or write.

``TeamFile.open`` imports this module on its own and calls ``before_open(path)`` on a
file it has inspected (it is a Keel file this version understands). The backup doubles
as a full read of the file: a file whose pages SQLite cannot read is refused here,
before anything writes to it, and its damaged copy is not kept.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from teamkeel.core.errors import FileRefused
from teamkeel.core.safety.backup import LinkRefused, backup_now, unchanged_since_backup
from teamkeel.core.storage import migrate, teamfile

# Below this much free space beside the team file, SQLite's write-ahead log and a
# migration's table rebuilds may run out of room half-way; refuse up front instead.
MIN_FREE_BYTES = 1024 * 1024

# The last backup that could not be made, for the window to mention (None: all well).
last_failure: str | None = None


def _check_free_space(path: Path, needs_migration: bool) -> None:
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return
    needed = MIN_FREE_BYTES + (path.stat().st_size if needs_migration else 0)
    if free < needed:
        raise FileRefused(
            f"The disk holding {path.name} is full ({free // 1024} KB free, Keel needs "
            f"{needed // 1024} KB); free some space and open it again."
        )


def before_open(path: Path) -> None:
    global last_failure
    needs_migration = migrate.needs_upgrade(path)
    _check_free_space(path, needs_migration)
    if not needs_migration and unchanged_since_backup(path):
        last_failure = None  # the newest backup is this very state
        return
    try:
        backup_now(path, reason="open")
    except FileRefused:
        raise
    except (OSError, sqlite3.Error, LinkRefused) as exc:
        detail = getattr(exc, "strerror", None) or str(exc)
        if needs_migration:
            raise FileRefused(
                f"Keel could not back up {path.name} before upgrading it ({detail}); "
                "nothing was changed."
            ) from exc
        # Opening without a fresh backup beats not opening at all; the older backups
        # are still there.
        last_failure = f"Keel could not back up {path.name} when opening it ({detail})."
    else:
        last_failure = None


if before_open not in teamfile.BEFORE_OPEN_HOOKS:
    teamfile.BEFORE_OPEN_HOOKS.append(before_open)
