"""Work off the main thread: a plain function runs on Qt's thread pool and its result,
plain data, comes back to the main thread, so the window keeps answering meanwhile.

    job = run_in_worker(lambda keep_going: service.export_report(path, ...),
                        done=lambda out: prompts.info(...), failed=show_problem, parent=tab)
    job.progress.connect(bar.setValue)   # if the work reports progress
    job.cancel()                         # the work stops at its next keep_going() call

The function receives ``keep_going(done, total) -> bool``: it reports progress and
returns False once the job is cancelled (the work then stops and returns what it has).
It may read and write the team file through its services: ``TeamFile.reading()`` gives
a worker thread a connection of its own and ``session()`` takes one from SQLAlchemy's
pool, so no SQLite connection is used by two threads at once. It must not touch
widgets. ``done`` and ``failed`` run in the main thread (a queued signal); a failure is
one line: a ``KeelError``'s own message, or the kind of error and its text.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from teamkeel.core.errors import KeelError

T = TypeVar("T")
KeepGoing = Callable[[int, int], bool]

# Jobs still running, so that Python keeps them (and their signals) alive until they end.
_RUNNING: set[Job[Any]] = set()


def one_line(exc: BaseException) -> str:
    """What went wrong, in one line for a message box."""
    if isinstance(exc, KeelError):
        return " ".join(str(exc).split())
    text = " ".join(str(exc).split()) or "no details"
    return f"{type(exc).__name__}: {text}"


class Job(QObject, Generic[T]):
    """One piece of work on the pool. Lives in the main thread; its signals are emitted
    from the worker and so arrive queued, in the main thread."""

    progress = Signal(int, int)
    finished = Signal(object)  # the function's result
    failed = Signal(str)  # one line
    _result = Signal(object)
    _failure = Signal(str)

    def __init__(self, work: Callable[[KeepGoing], T], parent: QObject | None = None):
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()
        self.running = True
        self._result.connect(self._deliver)
        self._failure.connect(self._fail)

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def _keep_going(self, done: int, total: int) -> bool:
        with contextlib.suppress(RuntimeError):  # see _emit
            self.progress.emit(done, total)
        return not self._stop.is_set()

    def run(self) -> None:
        """In the worker thread."""
        try:
            result = self._work(self._keep_going)
        except Exception as exc:  # shown to the lead, never lost with the thread
            self._emit(self._failure, one_line(exc))
            return
        self._emit(self._result, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        # The job's parent (a tab, a closed file's window part) may be gone by now:
        # nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)

    @Slot(object)
    def _deliver(self, result: object) -> None:
        self._end()
        self.finished.emit(result)

    @Slot(str)
    def _fail(self, message: str) -> None:
        self._end()
        self.failed.emit(message)

    def _end(self) -> None:
        self.running = False
        _RUNNING.discard(self)


class _Runnable(QRunnable):
    def __init__(self, job: Job[Any]):
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job.run()


def run_in_worker(
    work: Callable[[KeepGoing], T],
    done: Callable[[T], object] | None = None,
    failed: Callable[[str], object] | None = None,
    parent: QObject | None = None,
) -> Job[T]:
    """Start ``work(keep_going)`` on the thread pool; ``done(result)`` or
    ``failed(one_line)`` follows in the main thread (not after ``parent`` is gone)."""
    job: Job[T] = Job(work, parent)
    if done is not None:
        job.finished.connect(done)
    if failed is not None:
        job.failed.connect(failed)
    _RUNNING.add(job)
    _wait_at_exit()
    QThreadPool.globalInstance().start(_Runnable(job))
    return job


_exit_wait: list[bool] = []


def _wait_at_exit() -> None:
    """Once per process: at exit, let running workers end before Python is taken down
    under them (a worker still importing then crashes the process). The window waits
    itself (``ui.app.run_window``); this covers scripts and tests that end sooner."""
    if not _exit_wait:
        _exit_wait.append(True)
        atexit.register(wait_for_workers, 30_000)


def wait_for_workers(msecs: int = -1) -> bool:
    """Wait until no job runs (closing a file: no worker may still hold it)."""
    return QThreadPool.globalInstance().waitForDone(msecs)


def settle(app: QCoreApplication, quiet_turns: int = 5, most_turns: int = 200) -> None:
    """Turn the event loop until ``quiet_turns`` turns in a row find no worker busy:
    whatever the window handed to workers, and the work their results start (a tab
    built next), has landed. For a screenshot or a test that reads the result; bounded
    by ``most_turns`` so that it never hangs."""
    quiet = 0
    for _turn in range(most_turns):
        app.processEvents()
        busy = QThreadPool.globalInstance().activeThreadCount() > 0
        wait_for_workers(60_000)
        quiet = 0 if busy else quiet + 1
        if quiet >= quiet_turns:
            return


def warm_imports(modules: tuple[str, ...], then: Callable[[], object] | None = None) -> Job[None]:
    """Import heavy modules (reportlab, networkx...) on a worker before they are needed,
    so that the first export does not wait for them on the main thread; then call
    ``then`` there too (e.g. ``register_pdf_fonts``)."""

    def load(_keep_going: KeepGoing) -> None:
        import importlib

        from teamkeel.ui.import_hook import pyside_import_hook_paused

        with pyside_import_hook_paused():
            for name in modules:
                importlib.import_module(name)
        if then is not None:
            then()

    return run_in_worker(load)


def register_pdf_fonts() -> None:
    """Read Keel's fonts into reportlab (seconds of TrueType parsing; thread safe)."""
    from teamkeel.core.pdf.fonts import register_fonts

    register_fonts()
