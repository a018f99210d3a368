"""Drives Keel's real window on a real X display, for tests/test_real_display.py.

    python tests/real_display_driver.py OUT_DIR [TEAM_FILE]

Starts the window exactly as ``teamkeel`` does (``teamkeel.ui.app``: the platform check,
the application, the first window on TEAM_FILE or, without one, on the default team
file, created as on a first start). Once every tab is built it shows each tab in turn,
grabs the X screen (the root window, so what the X server really shows) and writes
``OUT_DIR/<tab>.png``, then closes the window as a user would. Prints one JSON line per
tab and one for the window, for the test to read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QImage

from teamkeel.ui.app import _first_window, make_app
from teamkeel.ui.platform_check import window_problem


def distinct_colours(image: QImage, step: int = 7) -> int:
    """How many colours a grid of sample points finds: a painted window has many, an
    unpainted or black one a handful."""
    seen = {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }
    return len(seen)


def main() -> int:
    out = Path(sys.argv[1])
    team = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    problem = window_problem()
    if problem:
        print(json.dumps({"problem": problem}), flush=True)
        return 3
    app = make_app()
    window = _first_window(team)
    keys = [slot.key for slot in window.slots]

    def report_window() -> None:
        screen = window.screen()
        print(json.dumps({
            "platform": QGuiApplication.platformName(),
            "window": window.frameGeometry().getRect(),
            "screen": screen.availableGeometry().getRect(),
            "team": str(window.ctx.team.path) if window.ctx else None,
            "tabs": keys,
        }), flush=True)  # fmt: skip

    def show(index: int) -> None:
        if index == len(keys):
            window.close()
            app.quit()
            return
        window.select_tab(keys[index])
        QTimer.singleShot(0, lambda: grab(index))  # once the tab is laid out

    def grab(index: int) -> None:
        window.repaint()  # painted and flushed to the X server now
        QGuiApplication.sync()  # and the X server has drawn it
        rect = window.frameGeometry()
        shot = window.screen().grabWindow(0, rect.x(), rect.y(), rect.width(), rect.height())
        path = out / f"{keys[index]}.png"
        shot.save(str(path))
        image = shot.toImage()
        print(json.dumps({
            "tab": keys[index],
            "current": window.tab_widget.currentIndex() == index,
            "size": [image.width(), image.height()],
            "colours": distinct_colours(image),
            "png": str(path),
        }), flush=True)  # fmt: skip
        show(index + 1)

    def start() -> None:
        report_window()
        show(0)

    window.loaded.connect(lambda: QTimer.singleShot(0, start))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
