"""Start-up time: from process start to the main window shown on the large demo file,
against a bare PySide6 window (a tab with a table) built in the same run.

    python benchmarks/startup.py [--runs 21]

Keel is started exactly as a user starts it (``python -m teamkeel --db FILE``); with
TEAMKEEL_STARTUP_PROBE set it prints the time once its first frame is painted (the
roster's rows and the selected member's form) and, in a second series, once it has
loaded the rest (the ORM and every other tab). A third program, ``roster_shape.py``,
builds the same kinds of widgets with none of Keel's code, to tell what PySide6 costs
for such a window apart from what Keel adds. Prints the median of each and the ratio
(target: at most 1.5).

Keel reopens on the tab the lead left (setting ``window/tab_key``). A last series starts
it on the large demo once per remembered tab, each start against a bare window started
just before, and prints per tab the first frame (median ratio to the bare window; the
target is 1.5 for every tab) and when that tab's own widgets are in place (before them
the first frame shows the tab's first screen, read with plain SQL: real content, not a
placeholder; see ``teamkeel.ui.first_screen``).

    python benchmarks/startup.py --tabs-only --runs 5
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


def measure_all(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from process start to each ``<what> <time>`` line the program prints."""
    start = time.time()
    out = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    words = (line.split() for line in out.stdout.splitlines())
    return {w[0]: float(w[1]) - start for w in words if len(w) == 2}


def measure(argv: list[str], env: dict[str, str]) -> float:
    return measure_all(argv, env)["shown"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--tabs-only", action="store_true", help="only the per-tab table")
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
        bare_argv = [sys.executable, "-c", BARE]
        shape_argv = [sys.executable, str(Path(__file__).with_name("roster_shape.py"))]
        keel_argv = [sys.executable, "-m", "teamkeel", "--db", str(db)]
        first = {**env, "TEAMKEEL_STARTUP_PROBE": "1"}
        loaded = {**env, "TEAMKEEL_STARTUP_PROBE": "loaded"}
        for argv in (bare_argv, shape_argv, keel_argv):  # warm the disk cache and bytecode
            measure(argv, first)
        if args.tabs_only:
            print_tab_table(measure_tabs(bare_argv, keel_argv, env, Path(tmp), args.runs))
            return
        bare, shape, keel, orm, ready = [], [], [], [], []
        for _ in range(args.runs):  # interleaved, so that load on the machine hits all
            bare.append(measure(bare_argv, env))
            shape.append(measure(shape_argv, env))
            keel.append(measure(keel_argv, first))
            times = measure_all(keel_argv, loaded)
            orm.append(times["orm"])
            ready.append(times["loaded"])
        tab_rows = measure_tabs(bare_argv, keel_argv, env, Path(tmp), max(3, args.runs // 4))
    b, s, k, o, r = (statistics.median(x) * 1000 for x in (bare, shape, keel, orm, ready))
    print(f"bare PySide6 window                      : {b:5.0f} ms (median of {args.runs})")
    print(f"the same kinds of widgets, no Keel code  : {s:5.0f} ms ({s / b:.2f} x bare)")
    print(f"Keel on the large demo, first frame      : {k:5.0f} ms")
    print(f"Keel, ORM loaded (edits ready)           : {o:5.0f} ms")
    print(f"Keel, every tab built                    : {r:5.0f} ms")
    ratios = sorted(x / y for x, y in zip(keel, bare, strict=True))  # run by run
    q1, q3 = ratios[len(ratios) // 4], ratios[(3 * len(ratios)) // 4]
    print(f"ratio, first frame / bare                : {k / b:5.2f}  (target <= 1.5)")
    print(f"  run by run: median {statistics.median(ratios):.2f}, middle half {q1:.2f}-{q3:.2f}")
    print(f"Keel's own code on top of its widgets    : {k - s:5.0f} ms ({k / s:.2f} x)")
    print_tab_table(tab_rows)


# The tabs in the order of the bar; each is the remembered one in turn.
TAB_KEYS = ("journey", "roster", "compact", "calendar", "rotations", "standup", "insights")


def remember_tab(config: Path, key: str) -> None:
    """Settings as a lead leaves them: the window was last closed on ``key``."""
    config.mkdir(parents=True, exist_ok=True)
    (config / "keel.ini").write_text(f"[window]\ntab_key={key}\n", encoding="utf-8")


def measure_tabs(
    bare_argv: list[str], keel_argv: list[str], env: dict[str, str], tmp: Path, runs: int
) -> dict[str, dict[str, list[float]]]:
    """Per remembered tab: the bare window's time, Keel's first frame and the time the
    tab's own widgets were in place, run by run (interleaved, so load hits all)."""
    rows: dict[str, dict[str, list[float]]] = {
        k: {"bare": [], "shown": [], "tab": []} for k in TAB_KEYS
    }
    for run in range(runs + 1):  # the first round warms each tab's bytecode
        for key in TAB_KEYS:
            config = tmp / f"config-{key}"
            remember_tab(config, key)
            tab_env = {**env, "TEAMKEEL_CONFIG_DIR": str(config), "TEAMKEEL_STARTUP_PROBE": "tab"}
            bare = measure(bare_argv, env)
            times = measure_all(keel_argv, tab_env)
            if run:
                rows[key]["bare"].append(bare)
                rows[key]["shown"].append(times["shown"])
                rows[key]["tab"].append(times["tab"])
    return rows


def print_tab_table(rows: dict[str, dict[str, list[float]]]) -> None:
    print("\n| remembered tab | first frame / bare window | first frame | its own widgets |")
    print("|---|---|---|---|")
    for key, times in rows.items():
        ratios = [s / b for s, b in zip(times["shown"], times["bare"], strict=True)]
        shown = statistics.median(times["shown"]) * 1000
        tab = statistics.median(times["tab"]) * 1000
        print(f"| {key} | {statistics.median(ratios):.2f} | {shown:.0f} ms | {tab:.0f} ms |")


if __name__ == "__main__":
    main()
