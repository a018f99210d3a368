"""Start-up time: process start to the main window shown on the large demo file,
against a bare PySide6 window built the same way in the same run.

    python benchmarks/startup.py [--runs 5]

Prints the median of each and their ratio (target: at most 1.5).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableView
app = QApplication(sys.argv[:1])
w = QMainWindow(); tabs = QTabWidget(); tabs.addTab(QTableView(), "Table"); w.setCentralWidget(tabs)
w.resize(1280, 800); w.show(); app.processEvents()
print(time.time())
"""

KEEL = r"""
import time, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from teamkeel.ui.app import make_app
from teamkeel.ui.main_window import MainWindow
app = make_app()
w = MainWindow(QSettings(sys.argv[2], QSettings.Format.IniFormat))
w.resize(1280, 800); w.show(); w.open_file(Path(sys.argv[1])); app.processEvents()
print(time.time())
"""


def measure(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    shown = float(out.stdout.strip().splitlines()[-1])
    return shown - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "large.keel"
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "teamkeel", "demo", "--size", "large", "--db", str(db)],
            check=True,
            capture_output=True,
        )
        print(
            f"large demo file built in {time.perf_counter() - t0:.1f} s ({db.stat().st_size / 1e6:.1f} MB)"
        )
        settings = str(Path(tmp) / "keel.ini")
        measure(BARE)  # warm the disk cache for both
        bare, keel = [], []
        for _ in range(args.runs):
            bare.append(measure(BARE))
            keel.append(measure(KEEL, str(db), settings))
    b, k = statistics.median(bare), statistics.median(keel)
    print(f"bare PySide6 window : {b * 1000:7.0f} ms (median of {args.runs})")
    print(f"Keel on large demo  : {k * 1000:7.0f} ms (median of {args.runs})")
    print(f"ratio               : {k / b:7.2f}  (target <= 1.5)")


if __name__ == "__main__":
    main()
