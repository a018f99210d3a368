"""Starting the window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from teamkeel.resources import ROOT as RESOURCES


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Keel")
    app.setOrganizationName("Keel")
    app.setApplicationDisplayName("Keel")
    app.setDesktopFileName("teamkeel")
    style = RESOURCES / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app  # type: ignore[return-value]


def run_window(path: Path | None) -> int:
    """Open the window on ``path``; without one, on the last file used (if it still
    exists) or else the default team file, created on first start."""
    app = make_app()
    from teamkeel.core.paths import default_team_path
    from teamkeel.ui.main_window import MainWindow
    from teamkeel.ui.settings import make_settings

    settings = make_settings()
    if path is None:
        last = settings.value("last_file")
        path = Path(str(last)) if last and Path(str(last)).exists() else default_team_path()
    window = MainWindow(settings)
    # Open before showing: the first frame is then the team itself, in one layout pass.
    window.open_file(path, create=True)
    window.show()
    if os.environ.get("TEAMKEEL_STARTUP_PROBE"):
        report_first_frame(app)
    return app.exec()


class _FirstFrameProbe(QObject):
    """benchmarks/startup.py: print the time once the first frame has been painted,
    then quit. Qt paints a window in one pass, so a zero timer set at its first paint
    event fires when that pass, the roster rows included, is done."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print(f"shown {time.time():.6f}", flush=True)
        QApplication.quit()


def report_first_frame(app: QApplication) -> None:
    probe = _FirstFrameProbe(app)
    app.installEventFilter(probe)
