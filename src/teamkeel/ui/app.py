"""Starting the window."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from teamkeel.core.errors import KeelError
from teamkeel.ui.import_hook import pyside_import_hook_paused
from teamkeel.ui.platform_check import window_problem

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from teamkeel.ui.main_window import MainWindow


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)  # Keel makes no other kind of application
    app.setApplicationName("Keel")
    app.setOrganizationName("Keel")
    app.setApplicationDisplayName("Keel")
    app.setDesktopFileName("teamkeel")
    return app


def run_window(path: Path | None) -> int:
    """Open the window on ``path``; without one, on the last file used (if it still
    exists) or else the default team file, created on first start."""
    problem = window_problem()
    if problem:  # Qt would abort the process with a message of its own
        raise KeelError(problem)
    app = make_app()
    # Keel never selects a PySide6 feature, so its own modules can load without the
    # hook that looks for one (see ``teamkeel.ui.import_hook``): ~5 ms of the start.
    with pyside_import_hook_paused():
        window = _first_window(path)
    # The collector is off while Keel starts (see teamkeel.__main__); back on after the
    # first frame, or after a second if the window is never painted (minimized).
    after_first_frame(app, gc.enable)
    after_first_frame(app, lambda: watch_for_errors(window))
    QTimer.singleShot(1000, gc.enable)
    probe = os.environ.get("TEAMKEEL_STARTUP_PROBE")
    if probe:
        StartupProbe(app, window, until=probe)
    code = app.exec()
    # A worker still writing a PDF or reading the file finishes before Python and Qt
    # are taken down under it (that would crash the process on the way out).
    from teamkeel.ui.worker import wait_for_workers

    wait_for_workers(30_000)
    return code


def watch_for_errors(window: MainWindow) -> None:
    """From the first frame on: Keel's log file open, Qt's warnings in it, and an
    unexpected error shown in a dialog instead of vanishing (``teamkeel.ui.crash``)."""
    from teamkeel.core import logs
    from teamkeel.ui import crash

    logs.open_file()
    logs.log.info("Window opened (%s)", logs.describe_system())
    crash.qt_messages_to_log()
    crash.install(window)


def _first_window(path: Path | None) -> MainWindow:
    from teamkeel.core.paths import default_team_path
    from teamkeel.ui.language import apply_language
    from teamkeel.ui.main_window import MainWindow
    from teamkeel.ui.settings import make_settings

    settings = make_settings()
    app = QApplication.instance()
    if isinstance(app, QApplication):  # the language first: the window is built in it
        apply_language(app, settings)
    _apply_chosen_theme(settings)
    if path is None:
        last = settings.value("last_file")
        path = Path(str(last)) if last and Path(str(last)).exists() else default_team_path()
    window = MainWindow(settings, lean_first_frame=True)
    # Open before showing: the first frame is then the team itself, in one layout pass.
    window.open_file(path, create=True)
    window.show()
    return window


def _apply_chosen_theme(settings: QSettings) -> None:
    """Light, dark or the desktop's scheme (Preferences), before the window is built."""
    from teamkeel.ui.options import THEME
    from teamkeel.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, THEME.read(settings))


class _FirstFrameWatch(QObject):
    def __init__(self, app: QApplication, callback: Callable[[], object]):
        super().__init__(app)
        self.callback = callback
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            QTimer.singleShot(0, self.callback)
        return False


def after_first_frame(app: QApplication, callback: Callable[[], object]) -> None:
    """Call ``callback`` once the first frame has been painted. Qt paints a window in
    one pass, so a zero timer set at its first paint event runs when that pass, the
    roster rows included, is done."""
    _FirstFrameWatch(app, callback)


class StartupProbe(QObject):
    """For benchmarks/startup.py: print when the first frame has been painted
    (``shown <time>``); with ``until`` "loaded", also when the window has loaded the ORM
    (``orm <time>``) and every tab (``loaded <time>``, followed by ``gc 1`` if the
    cyclic collector is back on); with ``until`` "tab", when the tab Keel started on has
    its own widgets (``tab <time>``: the first frame may show that tab's first screen,
    see ``teamkeel.ui.first_screen``); then quit."""

    def __init__(self, app: QApplication, window: MainWindow, until: str):
        super().__init__(app)
        self.until = until
        self.window = window
        window.orm_loaded.connect(lambda: self._report("orm"))
        window.loaded.connect(lambda: self._report("loaded"))
        after_first_frame(app, self._first_frame)

    def _first_frame(self) -> None:
        self._report("shown")
        if self.until != "tab":
            return
        key = self.window.current_key()
        if self.window.tab_is_built(key):
            self._report("tab")
        else:
            self.window.tab_built.connect(lambda built: self._report_tab(built, key))

    def _report_tab(self, built: str, key: str | None) -> None:
        if built == key:
            self._report("tab")

    def _report(self, what: str) -> None:
        print(f"{what} {time.time():.6f}", flush=True)
        if what == "loaded":
            print(f"gc {int(gc.isenabled())}", flush=True)
        if what == {"loaded": "loaded", "tab": "tab"}.get(self.until, "shown"):
            QApplication.quit()
