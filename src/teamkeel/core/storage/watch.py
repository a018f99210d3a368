"""Noticing changes made to a team file by anyone but this ``TeamFile``.

SQLite's ``PRAGMA data_version``, read on a connection of its own, changes whenever any
other connection commits, Keel's own included. Asking "has it changed since I last
looked?" then counts the window's own edits as outside changes whenever they are
announced late (the stand-up log folds a burst of entries into one notice). So the
watch takes part in every write of its ``TeamFile`` instead: just before the write
(with the write lock already held, so nobody else can commit meanwhile) it notes
whether someone else had committed, and just after it absorbs the write's own change.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import TYPE_CHECKING

from teamkeel.core.storage.fileinfo import read_only_uri

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile


class ChangeWatch:
    """``changed_elsewhere()`` is True once per batch of commits made to the file by
    other connections (another Keel, the command line), never for this team's own."""

    def __init__(self, team: TeamFile):
        self.team = team
        # Read from whichever thread writes (the window writes from its own), so the
        # connection is shared behind a lock.
        # On read-only media the URI reads the file as it is (see read_only_uri).
        self._conn = sqlite3.connect(read_only_uri(team.path), uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._seen = self._version()
        self._outside = False
        team.add_write_watcher(self)

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def before_write(self) -> None:
        """Called with the write lock held, before this team writes."""
        with self._lock:
            version = self._version()
            if version != self._seen:
                self._outside = True
                self._seen = version

    def after_write(self) -> None:
        """Called right after this team committed: its own change is not news."""
        with self._lock:
            self._seen = self._version()

    def changed_elsewhere(self) -> bool:
        """True if another connection committed since the last call."""
        with self._lock:
            version = self._version()
            changed = self._outside or version != self._seen
            self._seen, self._outside = version, False
            return changed

    def close(self) -> None:
        self.team.remove_write_watcher(self)
        with self._lock:
            self._conn.close()
