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
    QTimer.singleShot(1000, gc.enable)
    probe = os.environ.get("TEAMKEEL_STARTUP_PROBE")
    if probe:
        StartupProbe(app, window, until_loaded=probe == "loaded")
    return app.exec()


def _first_window(path: Path | None) -> MainWindow:
    from teamkeel.core.paths import default_team_path
    from teamkeel.ui.main_window import MainWindow
    from teamkeel.ui.settings import make_settings

    settings = make_settings()
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
    (``shown <time>``) and, with ``until_loaded``, when the window has loaded the ORM
    (``orm <time>``) and every tab (``loaded <time>``, followed by ``gc 1`` if the
    cyclic collector is back on); then quit."""

    def __init__(self, app: QApplication, window: MainWindow, until_loaded: bool):
        super().__init__(app)
        self.until_loaded = until_loaded
        window.orm_loaded.connect(lambda: self._report("orm"))
        window.loaded.connect(lambda: self._report("loaded"))
        after_first_frame(app, lambda: self._report("shown"))

    def _report(self, what: str) -> None:
        print(f"{what} {time.time():.6f}", flush=True)
        if what == "loaded":
            print(f"gc {int(gc.isenabled())}", flush=True)
        if what == "loaded" or (what == "shown" and not self.until_loaded):
            QApplication.quit()
