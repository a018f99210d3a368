"""After the first frame: nothing the window builds may hold the main thread for long.

The window Keel starts with loads the ORM on a worker, imports each tab's modules on a
worker just before building it, and lets a tab fill itself in steps (issue 17: no stall
over 100 ms; ``benchmarks/stalls.py`` measures it). These tests guard the parts of that a
change could quietly undo: an import on the main thread, the ORM pulling in what the
first edit does not need, a stale read shown over a newer one.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


def run_python(code: str, tmp_path: Path) -> list[str]:
    import os

    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=180,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "TEAMKEEL_DATA_DIR": str(tmp_path / "data"),
            "TEAMKEEL_CONFIG_DIR": str(config),
        },
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_building_the_tabs_at_start_imports_nothing_on_the_main_thread(
    demo_path: Path, tmp_path: Path
) -> None:
    """Every Qt-free module a tab needs is imported on a worker before the tab is built:
    an import on the main thread (a tab's services, SQLAlchemy, icalendar) stalls it."""
    lines = run_python(
        f"""
        import sys, threading
        from pathlib import Path
        from PySide6.QtCore import QEventLoop, QTimer
        from teamkeel.ui.app import _first_window, make_app

        class Recorder:  # consulted for every module not imported yet
            def __init__(self):
                self.on_main = []
            def find_spec(self, name, path=None, target=None):
                if threading.current_thread() is threading.main_thread():
                    self.on_main.append(name)
                return None

        app = make_app()
        window = _first_window(Path({str(demo_path)!r}))
        window.grab()  # the first frame
        recorder = Recorder()
        sys.meta_path.insert(0, recorder)
        loop = QEventLoop()
        window.loaded.connect(loop.quit)  # every tab built
        QTimer.singleShot(120000, lambda: loop.exit(1))
        print(loop.exec(), len(window.tabs))
        sys.meta_path.remove(recorder)
        heavy = ("sqlalchemy", "icalendar", "dateutil", "networkx", "reportlab", "babel")
        features = ("journey", "compact", "calendar", "rotations", "standup", "insights",
                    "goals")
        # The tabs' Qt modules load on the main thread (PySide6 makes enum types lazily,
        # and two threads doing that at once crash the process); their core ones may not.
        parts = [n.split(".") for n in recorder.on_main if n.startswith("teamkeel.core.")]
        print(sorted(".".join(p) for p in parts if len(p) > 2 and p[2] in features))
        print(sorted({{n.split(".")[0] for n in recorder.on_main}} & set(heavy)))
        from teamkeel.ui.worker import settle
        settle(app)  # the heavy modules' worker, started once every tab is built
        """,
        tmp_path,
    )
    finished, tab_code, heavy = lines[-3:]
    assert finished == "0 7"
    assert tab_code == "[]", tab_code
    assert heavy == "[]", heavy


def test_the_orm_loads_without_what_the_first_edit_does_not_need(tmp_path: Path) -> None:
    """Loading every model (the worker right after the first frame) must not import a
    feature's services: the compact's once pulled in the calendar's and icalendar."""
    lines = run_python(
        """
        import sys
        from teamkeel.core.storage.models_registry import load_all_models
        load_all_models()
        print(sorted(m for m in sys.modules if m.endswith(".service") or m == "icalendar"))
        """,
        tmp_path,
    )
    assert lines[-1] == "[]"


@pytest.mark.usefixtures("qapp")
def test_a_calendar_filled_by_a_worker_never_shows_an_older_month_over_a_newer_one(
    qtbot, prompts, tmp_path: Path, demo_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from teamkeel.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "k.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings, prompts, lean_first_frame=True)  # type: ignore[arg-type]
    qtbot.addWidget(win)
    assert win.open_file(demo_path)
    tab = win.tab("calendar")
    assert tab is not None
    # The lead moves on a month before the worker's reading of this one has landed.
    tab.step(1)
    first, last = tab.visible_range()
    moved_to = tab.period.text()
    from PySide6.QtWidgets import QApplication

    from teamkeel.ui.worker import settle

    settle(QApplication.instance())  # the worker's reading has landed (and was dropped)
    assert tab.period.text() == moved_to
    assert tab.occurrences, "the demo has rituals every month"
    assert all(first <= o.start.date() <= last for o in tab.occurrences)
    anchor = dt.date.today().replace(day=1)
    assert (tab.anchor.year, tab.anchor.month) != (anchor.year, anchor.month)
