"""Planning in a worker thread, so a long horizon for a large team never freezes the window.

The job is read from the file in the main thread (``RotationService.prepare``); the worker
only runs the pure planner and reports progress; the result comes back to the main thread
through a queued signal and is stored there. No file access happens off the main thread.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot

from teamkeel.core.rotations.planner import Plan
from teamkeel.core.rotations.records import PlanJob
from teamkeel.core.rotations.service import RotationService


class _Worker(QObject):
    progress = Signal(int, int)
    done = Signal(object)  # Plan
    failed = Signal(str)

    def __init__(self, job: PlanJob, stop: threading.Event):
        super().__init__()
        self.job = job
        self.stop = stop

    @Slot()
    def run(self) -> None:
        try:
            result = RotationService.compute(
                self.job, progress=self.progress.emit, cancelled=self.stop.is_set
            )
        except Exception as exc:  # a planner bug must not kill the thread silently
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.done.emit(result)


class PlanRunner(QObject):
    """Runs one planning job at a time; ``finished(job, plan)`` arrives in the main thread."""

    progress = Signal(int, int)
    finished = Signal(object, object)  # PlanJob, Plan (plan.cancelled if stopped)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._stop = threading.Event()
        self._job: PlanJob | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, job: PlanJob, stop: threading.Event | None = None) -> None:
        """Plan ``job`` in a new thread; ``stop`` (set by ``cancel``) may be shared."""
        if self.busy:
            return
        self._stop = stop if stop is not None else threading.Event()
        self._job = job
        thread = QThread()
        worker = _Worker(job, self._stop)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        self._thread, self._worker = thread, worker
        thread.start()

    def cancel(self) -> None:
        self._stop.set()

    def wait(self) -> None:
        """Stop and join the thread (closing the tab or the file)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._cleanup()

    def _cleanup(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None

    def _on_done(self, result: Plan) -> None:
        job = self._job
        self._cleanup()
        self.finished.emit(job, result)

    def _on_failed(self, message: str) -> None:
        self._cleanup()
        self.failed.emit(message)
