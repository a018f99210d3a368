"""A progress dialog with Cancel for long work run where the caller is (a large import).

Core work takes ``progress(done, total) -> keep_going`` (``teamkeel.core.progress``);
``progress_dialog`` gives it one that moves a bar and answers False once the lead
presses Cancel (the work then raises ``Cancelled`` and writes nothing). The dialog is
window-modal: while the work runs, only the dialog answers, so nothing else can change
the file meanwhile. It appears only when the work lasts more than a moment. Once the
work writes (its last part: storing what it checked), Cancel is greyed out: events
cannot be handled inside the write. Work on a worker thread (``ui.worker``) drives the
same dialog with ``follow``, its Cancel live to the end: the worker's transaction rolls
back when told to stop, however far it got.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QPushButton, QWidget

from teamkeel.core.i18n import _
from teamkeel.core.progress import Progress

if TYPE_CHECKING:
    from teamkeel.core.storage.teamfile import TeamFile
    from teamkeel.ui.worker import Job

SHOW_AFTER_MS = 400  # quicker work shows no dialog at all


class ProgressDialog(QProgressDialog):
    """Tells the lead how far the work is; ``report`` is the work's callback."""

    def __init__(self, team: TeamFile, title: str, label: str, parent: QWidget | None = None):
        super().__init__(label, "Cancel", 0, 100, parent)
        self.team = team
        self._job: Job[Any] | None = None  # the worker's job it follows, if any
        self.setObjectName("progress_dialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.bar = self.findChild(QProgressBar)
        self.cancel_button = self.findChild(QPushButton)
        self.setValue(0)

    def report(self, done: int, total: int) -> bool:
        if self.team.writing:
            return self._report_writing(done, total)
        if self.maximum() != total:
            self.setMaximum(max(total, 1))
        # A modal dialog handles pending events in setValue (Cancel, repaints); an
        # explicit turn covers the time before it is shown.
        self.setValue(min(done, self.maximum()))
        QApplication.processEvents()
        return not self.wasCanceled()

    def follow(self, job: Job[Any]) -> None:
        """Show the progress of work on a worker, and stop it on Cancel."""
        self._job = job
        job.progress.connect(self._followed)  # a bound slot: queued to this thread
        self.canceled.connect(job.cancel)

    def _followed(self, done: int, total: int) -> None:
        # The event loop turns on its own: nothing but the bar moves here. ``cancel()``
        # (Escape, a test) does not emit ``canceled``: the work stops at its next report.
        if self.wasCanceled():
            if self._job is not None:
                self._job.cancel()
            return
        if self.maximum() != max(total, 1):
            self.setMaximum(max(total, 1))
        self.setValue(min(done, self.maximum()))

    def _report_writing(self, done: int, total: int) -> bool:
        """While the work writes, no event may run (see ``TeamFile.writing``): the bar
        moves and is painted, and Cancel, which could not be heard, is greyed out."""
        if self.cancel_button is not None and self.cancel_button.isEnabled():
            self.cancel_button.setEnabled(False)
            self.setLabelText(_("Saving…"))
        if self.bar is not None:
            self.bar.setMaximum(max(total, 1))
            self.bar.setValue(min(done, self.bar.maximum()))
            self.bar.repaint()
        return not self.wasCanceled()


@contextlib.contextmanager
def progress_dialog(parent: QWidget, team: TeamFile, title: str, label: str) -> Iterator[Progress]:
    """A ``progress(done, total) -> keep_going`` callback shown as a dialog for the
    time of the ``with`` block, with a wait cursor."""
    from PySide6.QtGui import QCursor, QGuiApplication

    dialog = ProgressDialog(team, title, label, parent)
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield dialog.report
    finally:
        QGuiApplication.restoreOverrideCursor()
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
