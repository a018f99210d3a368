"""Back a team file up every time Keel opens it, before any migration or write.

``install()`` adds ``before_open`` to ``TeamFile.open``'s hooks (the command line calls
it when it starts); it runs on a file that has been inspected (a Keel file this
version understands). The backup doubles
as a full read of the file: a file whose pages SQLite cannot read is refused here,
before anything writes to it, and its damaged copy is not kept.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

from teamkeel.core.errors import FileRefused
from teamkeel.core.i18n import _
from teamkeel.core.safety.backup import LinkRefused, backup_now, unchanged_since_backup
from teamkeel.core.storage import migrate, teamfile

# Below this much free space beside the team file, SQLite's write-ahead log and a
# migration's table rebuilds may run out of room half-way; refuse up front instead.
MIN_FREE_BYTES = 1024 * 1024


def _check_free_space(path: Path, needs_migration: bool) -> None:
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return
    needed = MIN_FREE_BYTES + (path.stat().st_size if needs_migration else 0)
    if free < needed:
        raise FileRefused(
            _(
                "The disk holding {file} is full ({number} KB free, Keel needs {number2} KB); "
                "free some space and open it again."
            ).format(file=path.name, number=free // 1024, number2=needed // 1024)
        )


def before_open(path: Path) -> str | None:
    """Back ``path`` up; the warning to show if that could not be done (the file opens
    anyway), None if all is well. Refuses a file that is damaged or cannot be upgraded
    safely."""
    needs_migration = migrate.needs_upgrade(path)
    _check_free_space(path, needs_migration)
    if not needs_migration and unchanged_since_backup(path):
        return None  # the newest backup is this very state
    try:
        backup_now(path, reason="open")
    except FileRefused:
        raise
    except (OSError, sqlite3.Error, LinkRefused) as exc:
        detail = getattr(exc, "strerror", None) or str(exc)
        logging.getLogger(__name__).warning("Could not back up %s on opening: %s", path, detail)
        if needs_migration:
            raise FileRefused(
                _(
                    "Keel could not back up {file} before upgrading it ({detail}); nothing was "
                    "changed."
                ).format(file=path.name, detail=detail)
            ) from exc
        # Opening without a fresh backup beats not opening at all; the older backups
        # are still there.
        return f"Keel could not back up {path.name} when opening it ({detail})."
    return None


def install() -> None:
    """Back every team file up when Keel opens it, from now on in this process."""
    teamfile.add_before_open_hook(before_open)
