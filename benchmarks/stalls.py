"""Main-thread stalls: the longest time the window does not answer, on the large demo.

    python benchmarks/stalls.py [--runs 3]

Each run starts Keel in a fresh process, in process there (the window Keel starts with,
``lean_first_frame=True``, on a copy of the large demo: 60 members, five years), with a
5 ms heartbeat timer on the main thread. A stall is the longest gap between two beats;
a user's click or key in that time waits. Three phases, each in a process of its own so
that what one phase imported does not make the next look faster:

- ``start``: from the first frame through 4 s (the ORM loading and the other tabs being
  built meanwhile); also the first frame and "edits ready" (the ORM loaded) from process
  start, against a bare PySide6 window started in the same run (as benchmarks/startup.py).
- ``tabs``: a window that builds no tab in the background; once it has settled, each
  other tab is opened for the first time, one by one (the stall from the click until the
  tab has been shown for 300 ms).
- ``ops``: once every tab is built, the heavy operations, driven through the window the
  way its menus and buttons drive them (answers to file dialogs and questions come from
  a stand-in for ``ctx.prompts``, so no dialog waits): planning 52 rounds of a rotation,
  a 12-month calendar PDF, the health report, restoring a backup, switching to another
  file with five years of history (File → Open), and reading and importing a 10 MB
  roster CSV.

Prints the median over the runs of each figure against the 100 ms target (and the
worst run, since the machine is shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
# The bare window both start-up figures are measured against (benchmarks/startup.py).
from startup import BARE, measure  # noqa: E402

TARGET_MS = 100.0
SETTLE_S = 4.0
BEAT_MS = 5
CSV_BYTES = 9_900_000  # just under the roster import's 10 MB cap


# -- the child: one phase in one process -----------------------------------------------
class Prompts:
    """Answers every question at once, as ``tests/conftest.py``'s AnsweringPrompts."""

    def __init__(self) -> None:
        self.parent = None
        self.files: list[str] = []
        self.messages: list[tuple[str, str]] = []

    def open_file(
        self, title: str, filters: str, on_chosen: Callable[[str], None], *_: str
    ) -> None:
        if self.files:
            on_chosen(self.files.pop(0))

    save_file = open_file

    def confirm(self, title: str, text: str, on_yes: Callable[[], None]) -> None:
        on_yes()

    def info(self, title: str, text: str) -> None:
        self.messages.append((title, text))

    def error(self, title: str, text: str, details: str = "") -> None:
        self.messages.append((title, "ERROR " + text))


class Heartbeat:
    """A 5 ms timer on the main thread; ``longest(a, b)`` is the longest gap in [a, b]."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt as QtNames
        from PySide6.QtCore import QTimer

        self.beats: list[float] = [time.perf_counter()]
        self.timer = QTimer()
        self.timer.setTimerType(QtNames.TimerType.PreciseTimer)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(lambda: self.beats.append(time.perf_counter()))
        self.timer.start()

    def longest(self, start: float, end: float) -> float:
        inside = [start] + [t for t in self.beats if start < t < end] + [end]
        return max(b - a for a, b in zip(inside, inside[1:], strict=False)) * 1000


def wait(app: object, until: Callable[[], bool], timeout: float = 120.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.perf_counter() + timeout
    while not until():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window never got there")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def pause(app: object, seconds: float) -> None:
    end = time.perf_counter() + seconds
    wait(app, lambda: time.perf_counter() >= end)


def child(phase: str, db: Path, other: Path, csv_path: Path, out: Path, t0: float) -> None:
    from PySide6.QtCore import QSettings

    from teamkeel.core.safety import hooks
    from teamkeel.ui.app import after_first_frame, make_app
    from teamkeel.ui.main_window import MainWindow

    hooks.install()  # as the command line does: each opened file is backed up first
    app = make_app()
    beat = Heartbeat()
    prompts = Prompts()
    settings = QSettings(str(out.with_suffix(".ini")), QSettings.Format.IniFormat)
    settings.setValue("window/tab_key", "roster")
    marks: dict[str, float] = {}
    window = MainWindow(
        settings, prompts, load_in_background=phase != "tabs", lean_first_frame=True
    )  # type: ignore[arg-type]
    window.orm_loaded.connect(lambda: marks.setdefault("orm", time.time()))
    window.loaded.connect(lambda: marks.setdefault("loaded", time.perf_counter()))
    after_first_frame(app, lambda: marks.update(frame=time.time(), frame_pc=time.perf_counter()))
    window.open_file(db)
    window.show()
    wait(app, lambda: "frame" in marks)
    figures: dict[str, float] = {}
    if phase == "start":
        pause(app, SETTLE_S)
        figures["start: first frame → 4 s"] = beat.longest(marks["frame_pc"], time.perf_counter())
        figures["first frame (ms from process start)"] = (marks["frame"] - t0) * 1000
        wait(app, lambda: "orm" in marks)
        figures["edits ready (ms from process start)"] = (marks["orm"] - t0) * 1000
    elif phase == "tabs":
        # As the start does in its first seconds: the ORM, then the heavy modules.
        window.ctx.team.prepare_orm()  # type: ignore[union-attr]
        warm_up = window.warm_up_heavy_modules()
        wait(app, lambda: warm_up is None or not warm_up.running)
        pause(app, 1.0)
        for slot in list(window.slots):
            if slot.tab is not None:
                continue
            start = time.perf_counter()
            window.select_tab(slot.key)
            wait(app, lambda s=slot: s.tab is not None)  # type: ignore[misc]
            pause(app, 0.3)
            figures[f"tab: {slot.key}"] = beat.longest(start, time.perf_counter())
    else:
        wait(app, lambda: "loaded" in marks)
        pause(app, 1.0)
        for name, run in operations(window, prompts, other, csv_path, out.parent):
            start = time.perf_counter()
            done = run()
            wait(app, done, timeout=300)
            pause(app, 0.2)
            figures[f"op: {name}"] = beat.longest(start, time.perf_counter())
            print(f"  {name}: {figures[f'op: {name}']:.0f} ms", file=sys.stderr, flush=True)
            problems = [m for m in prompts.messages if m[1].startswith("ERROR")]
            if problems:
                raise SystemExit(f"{name}: {problems}")
            prompts.messages.clear()
    out.write_text(json.dumps(figures))
    window.close()


Op = Callable[[], Callable[[], bool]]


def operations(
    window: object, prompts: Prompts, other: Path, csv_path: Path, folder: Path
) -> list[tuple[str, Op]]:
    """Each heavy operation as the window runs it; each returns a test for 'done'."""
    from teamkeel.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)

    def ctx():  # type: ignore[no-untyped-def]  # the file changes with restore and switch
        assert window.ctx is not None
        return window.ctx

    def told() -> bool:
        return bool(prompts.messages)

    def plan() -> Callable[[], bool]:
        tab = window.tab("rotations")
        window.select_tab("rotations")
        before = ctx().undo_stack.count()
        tab.plan_ahead(52)  # type: ignore[union-attr]
        return lambda: ctx().undo_stack.count() > before or told()

    def calendar_pdf() -> Callable[[], bool]:
        tab = window.tab("calendar")
        window.select_tab("calendar")
        first = dt.date.today().replace(day=1)
        last = first.replace(year=first.year + 1) - dt.timedelta(days=1)
        tab.write_calendar(folder / "year.pdf", first, last)  # type: ignore[union-attr]
        return told

    def report() -> Callable[[], bool]:
        tab = window.tab("insights")
        window.select_tab("insights")
        prompts.files.append(str(folder / "health.pdf"))
        tab.choose_export()  # type: ignore[union-attr]
        return told

    loads: list[float] = []  # each time the window has built every tab of a file
    window.loaded.connect(lambda: loads.append(time.perf_counter()))

    def restore() -> Callable[[], bool]:
        from teamkeel.core.safety.backup import list_backups
        from teamkeel.ui.safety.restore_dialog import restore_into_window

        before = len(loads)
        restore_into_window(window, list_backups(ctx().team.path)[-1].path)
        return lambda: len(loads) > before

    def switch() -> Callable[[], bool]:
        before = len(loads)
        prompts.files.append(str(other))
        window.choose_file()  # File → Open…
        return lambda: len(loads) > before

    def import_csv() -> Callable[[], bool]:
        tab = window.tab("roster")
        window.select_tab("roster")
        before = ctx().undo_stack.count()
        tab.preview_csv(csv_path)  # type: ignore[union-attr]

        def imported() -> bool:
            preview = tab.import_preview  # type: ignore[union-attr]
            if preview is not None and preview.isVisible():
                preview._import()  # the preview's Import button
            return ctx().undo_stack.count() > before or told()

        return imported

    return [
        ("plan 52 rounds", plan),
        ("calendar PDF, 12 months", calendar_pdf),
        ("health report PDF", report),
        ("restore a backup", restore),
        ("switch to a 5-year file", switch),
        ("roster CSV, 10 MB", import_csv),
    ]


# -- the parent: data, runs, medians ------------------------------------------------


def make_roster_csv(path: Path) -> None:
    from roster_import import roster_csv  # benchmarks/roster_import.py

    rows, text = 90_000, ""
    while len(text.encode()) < CSV_BYTES * 0.97:
        text = roster_csv(rows, random.Random(7))
        rows = int(rows * CSV_BYTES / max(1, len(text.encode())))
    while len(text.encode()) > CSV_BYTES:
        text = text[: text.rindex("\r\n", 0, len(text) - 2) + 2]
    path.write_text(text, encoding="utf-8", newline="")


def run_phase(phase: str, folder: Path, env: dict[str, str]) -> dict[str, float]:
    from teamkeel.core.storage.copy import snapshot

    run = Path(tempfile.mkdtemp(dir=folder))
    db, other = run / "team.keel", run / "other.keel"
    snapshot(folder / "large.keel", db)
    snapshot(folder / "large.keel", other)
    out = run / f"{phase}.json"
    argv = [sys.executable, __file__, "--child", phase, str(db), str(other),
            str(folder / "roster.csv"), str(out), str(time.time())]  # fmt: skip
    subprocess.run(argv, check=True, env={**env, "TEAMKEEL_DATA_DIR": str(run / "data")})
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def bare_frame_ms(env: dict[str, str]) -> float:
    """The bare PySide6 window of the start-up benchmark, the same baseline for both."""
    return measure([sys.executable, "-c", BARE], env) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phases", default="start,tabs,ops")
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # offscreen: no size hints
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).resolve().parents[1] / "src"), env.get("PYTHONPATH", "")]
    )
    from teamkeel.core.demo import create_demo

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env["TEAMKEEL_CONFIG_DIR"] = str(folder / "config")
        create_demo(folder / "large.keel", "large").close()
        make_roster_csv(folder / "roster.csv")
        phases = args.phases.split(",")
        results: dict[str, list[float]] = {}
        bare_frame_ms(env)  # warm the disk cache and bytecode
        for _ in range(args.runs):
            results.setdefault("bare window first frame (ms)", []).append(bare_frame_ms(env))
            for phase in phases:
                for name, value in run_phase(phase, folder, env).items():
                    results.setdefault(name, []).append(value)
    report(results, args.runs)


def report(results: dict[str, list[float]], runs: int) -> None:
    print(f"median of {runs} runs (worst run in brackets); target: stalls <= {TARGET_MS:.0f} ms")
    bare = statistics.median(results.pop("bare window first frame (ms)"))
    timings = {k: results.pop(k) for k in list(results) if k.endswith("process start)")}
    for name, values in results.items():
        median = statistics.median(values)
        verdict = "ok" if median <= TARGET_MS else "OVER"
        print(f"  {name:<34} {median:6.0f} ms  ({max(values):5.0f})  {verdict}")
    print(f"  {'bare window, first frame':<34} {bare:6.0f} ms")
    for name, values in timings.items():
        median = statistics.median(values)
        limit = 1.5 if "first frame" in name else 2.0
        verdict = "ok" if median / bare <= limit else "OVER"
        print(f"  {name:<34} {median:6.0f} ms  = {median / bare:.2f} x bare "
              f"(target <= {limit}) {verdict}")  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        phase, db, other, csv_path, out, t0 = sys.argv[2:8]
        child(phase, Path(db), Path(other), Path(csv_path), Path(out), float(t0))
    else:
        main()
