"""Start-up time: from process start to the main window shown on the large demo file,
against a bare PySide6 window (a tab with a table) built in the same run.

    python benchmarks/startup.py [--runs 7]

Keel is started exactly as a user starts it (``python -m teamkeel --db FILE``); with
TEAMKEEL_STARTUP_PROBE set it prints the time once its first frame is done and quits.
Prints the median of each, the ratio (target: at most 1.5) and where Keel's time goes.
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
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableView
app = QApplication(sys.argv[:1])
w = QMainWindow(); tabs = QTabWidget(); tabs.addTab(QTableView(), "Table"); w.setCentralWidget(tabs)
w.resize(1280, 800); w.show()
class Probe(QObject):  # the same probe as Keel's: reported once the first paint is done
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            app.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False
def report():
    print(f"shown {time.time():.6f}", flush=True); app.quit()
probe = Probe(); app.installEventFilter(probe)
app.exec()
"""


def measure(argv: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    shown = next(line for line in out.stdout.splitlines() if line.startswith("shown "))
    return float(shown.split()[1]) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # A user's Python keeps compiled bytecode (pip compiles an installed Keel); without
    # it every start would compile Keel's modules afresh while PySide6 comes compiled.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        env.update(
            TEAMKEEL_DATA_DIR=str(Path(tmp) / "data"), TEAMKEEL_CONFIG_DIR=str(Path(tmp) / "config")
        )
        db = Path(tmp) / "large.keel"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "teamkeel", "demo", "--size", "large", "--db", str(db)],
                       check=True, capture_output=True, env=env)  # fmt: skip
        size = db.stat().st_size / 1e6
        print(f"large demo file built in {time.perf_counter() - t0:.1f} s ({size:.1f} MB)")
        keel_argv = [sys.executable, "-m", "teamkeel", "--db", str(db)]
        keel_env = {**env, "TEAMKEEL_STARTUP_PROBE": "1"}
        measure([sys.executable, "-c", BARE], env)  # warm the disk cache for both
        measure(keel_argv, keel_env)
        bare, keel = [], []
        for _ in range(args.runs):  # interleaved, so that load on the machine hits both
            bare.append(measure([sys.executable, "-c", BARE], env))
            keel.append(measure(keel_argv, keel_env))
        imports = [
            measure([sys.executable, "-c", code], env)
            for code in (
                "import time; print(f'shown {time.time():.6f}')",
                "import PySide6.QtWidgets, time; print(f'shown {time.time():.6f}')",
                "import teamkeel.core.roster.service, time; print(f'shown {time.time():.6f}')",
            )
        ]
    b, k = statistics.median(bare), statistics.median(keel)
    print(f"bare PySide6 window : {b * 1000:7.0f} ms (median of {args.runs})")
    print(f"Keel on large demo  : {k * 1000:7.0f} ms (median of {args.runs})")
    print(f"ratio               : {k / b:7.2f}  (target <= 1.5)")
    print("for reference (single runs): python alone "
          f"{imports[0] * 1000:.0f} ms, importing PySide6 widgets {imports[1] * 1000:.0f} ms, "
          f"importing Keel's storage (SQLAlchemy) {imports[2] * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
