"""Backups while the window is open: every so often when the file changed, and when
it is closed, within the same keep policy as the backups taken on opening.

A day's work then has restore points from the day, not only from the morning's open.
Nothing is copied when nothing changed since the newest backup (the file's size and
time stamps tell, so changes from another Keel or the command line count too).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.core.safety.backup import Backup, backup_if_changed
from teamkeel.ui import options

if TYPE_CHECKING:
    from teamkeel.ui.window_host import WindowHost


class AutoBackup(QObject):
    """Owned by the open file's context: it goes away with the file."""

    def __init__(self, window: WindowHost, seconds: float):
        assert window.ctx is not None
        super().__init__(window.ctx)
        self.setObjectName("auto_backup")
        self.window = window
        self.path: Path = window.ctx.team.path
        self.last: Backup | None = None  # the newest backup this made (for tests, notes)
        self.timer = QTimer(self)
        self.set_interval(seconds)
        self.timer.timeout.connect(lambda: self.back_up("while-open"))
        self.timer.start()
        # After the file is closed: the copy then matches what the next open finds, so
        # that open needs no copy of its own.
        window.ctx.closed.connect(self._on_closed)

    def set_interval(self, seconds: float) -> None:
        """Back up this often from now on (Preferences change it while a file is open)."""
        self.timer.setInterval(max(1, round(seconds * 1000)))

    def _on_closed(self) -> None:
        self.timer.stop()
        # Not pruned now: a restore closes the file first and may be about to read the
        # oldest backup kept; the next backup prunes.
        self.back_up("close", prune_old=False)

    def back_up(self, reason: str, prune_old: bool = True) -> Backup | None:
        try:
            made = backup_if_changed(self.path, reason, prune_old=prune_old)
        except (KeelError, OSError, sqlite3.Error) as exc:
            detail = getattr(exc, "strerror", None) or str(exc)
            logging.getLogger(__name__).warning("Could not back up %s: %s", self.path, detail)
            self.window.statusBar().showMessage(
                _("Keel could not back up {file} ({reason}).").format(
                    file=self.path.name, reason=detail
                ),
                15000,
            )
            return None
        if made is not None:
            self.last = made
        return made


def attach(window: WindowHost) -> AutoBackup | None:
    """Start backing up the window's open file (once per opened file)."""
    if window.ctx is None:
        return None
    existing = window.ctx.findChild(AutoBackup, "auto_backup")
    if existing is not None:
        return existing
    return AutoBackup(window, every_seconds(window))


def every_seconds(window: WindowHost) -> float:
    """How often the open file is backed up when it changed (Preferences)."""
    return options.BACKUP_EVERY_MINUTES.read(window.settings) * 60.0


def follow_preferences(window: WindowHost) -> None:
    """Apply a changed backup interval to the open file's backups at once."""
    if window.ctx is not None:
        running = window.ctx.findChild(AutoBackup, "auto_backup")
        if running is not None:
            running.set_interval(every_seconds(window))
