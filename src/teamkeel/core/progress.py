"""Progress of long work (a large import), told to whoever shows it.

Core code takes a plain callback, ``progress(done, total) -> keep_going``: the window
shows a progress dialog with Cancel (on whatever thread runs the work), the command
line passes nothing. When the callback answers False, the work raises ``Cancelled``
from inside its transaction, so nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _

Progress = Callable[[int, int], bool]

REPORTS = 100  # how often, at most, a piece of work tells its progress


class Cancelled(KeelError):
    """The user stopped the work; nothing was written."""

    def __init__(self, what: str | None = None):
        what = what if what is not None else _("The import")
        super().__init__(_("{what} was cancelled; nothing was written.").format(what=what))


class Steps:
    """Counts work done and tells ``progress`` about it every so often (a call per row
    would cost more than the row), raising ``Cancelled`` when it says stop."""

    def __init__(self, progress: Progress | None, total: int, what: str | None = None):
        self.progress = progress
        self.total = max(total, 1)
        self.what = what
        self.done = 0
        self.every = max(1, self.total // REPORTS)
        self._next = 0

    def start(self) -> None:
        self._tell()

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.done >= self._next:
            self._tell()

    def _tell(self) -> None:
        self._next = self.done + self.every
        if self.progress is not None and not self.progress(min(self.done, self.total), self.total):
            raise Cancelled(self.what)

    def part(self, offset: int) -> Progress:
        """A callback for a part of the work that counts from 0 and starts at
        ``offset`` of this one (e.g. storing, after checking)."""

        def told(done: int, _total: int) -> bool:
            self.done = offset + done
            try:
                self._tell()
            except Cancelled:
                return False
            return True

        return told
