"""The heavy operations run off the window's thread (issue 17): the window keeps
answering while a large roster file is read, checked, stored and shown, and the
result is the same as before: one undo step, nothing written on refusal."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QTimer

from teamkeel.core.roster import RosterService
from teamkeel.core.team_info import create_team
from teamkeel.ui.roster.tab import LARGE_ROSTER, READ_ON_WORKER_BYTES

ROWS = 12_000  # over LARGE_ROSTER, and a file over READ_ON_WORKER_BYTES


def big_roster(path: Path, bad_line: int | None = None) -> Path:
    lines = ["Name,Email,Role,Notes"]
    for i in range(ROWS):
        email = "not an address" if i + 2 == bad_line else f"p{i}@example.org"
        lines.append(f"Person {i:05},{email},Developer,{'likes pairing on Fridays ' * 3}")
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    assert path.stat().st_size > READ_ON_WORKER_BYTES and ROWS > LARGE_ROSTER
    return path


class Ticks:
    """Counts turns of the window's event loop (a zero timer) while work runs."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.count += 1


def test_a_large_roster_file_is_read_imported_and_shown_off_the_window_thread(
    window, qtbot, team_path: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.core.roster import csvio

    create_team(team_path, "Harbour").close()
    assert window.open_file(team_path)
    tab = window.tab("roster")
    threads: list[int] = []
    real_import = csvio.import_members

    def import_and_note_thread(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real_import(*args, **kwargs)

    monkeypatch.setattr(csvio, "import_members", import_and_note_thread)
    assert tab.preview_csv(big_roster(tmp_path / "people.csv")) is None  # read on a worker
    qtbot.waitUntil(lambda: tab.import_preview is not None, timeout=30_000)
    ticks = Ticks()
    tab.import_preview.import_button.click()
    qtbot.waitUntil(lambda: not tab.importing, timeout=60_000)
    qtbot.waitUntil(lambda: not tab.reading, timeout=60_000)  # shown in slices
    ticks.timer.stop()
    assert threads and threads[0] != threading.get_ident()
    assert ticks.count > 1  # the window's loop kept turning meanwhile
    assert RosterService(window.ctx.team).count() == ROWS
    assert tab.proxy.rowCount() == ROWS
    names = [tab.proxy.index(r, 0).data() for r in range(3)]
    assert names == ["Person 00000", "Person 00001", "Person 00002"]  # by name
    assert window.ctx.undo_stack.count() == 1
    assert window.ctx.undo_stack.undoText() == f"Import {ROWS} members from people.csv"
    window.ctx.undo_stack.undo()
    assert RosterService(window.ctx.team).count() == 0
    qtbot.waitUntil(lambda: not tab.reading)
    assert tab.proxy.rowCount() == 0
    window.ctx.undo_stack.redo()
    assert RosterService(window.ctx.team).count() == ROWS
    assert len(threads) == 1  # the redo stored the members it kept, not a new import


def test_a_refused_large_roster_file_writes_nothing(
    window, qtbot, team_path: Path, tmp_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    create_team(team_path, "Harbour").close()
    assert window.open_file(team_path)
    tab = window.tab("roster")
    tab.preview_csv(big_roster(tmp_path / "people.csv", bad_line=9000))
    qtbot.waitUntil(lambda: tab.import_preview is not None, timeout=30_000)
    tab.import_preview.import_button.click()
    qtbot.waitUntil(lambda: not tab.importing, timeout=60_000)
    assert prompts.errors and "line 9000" in prompts.errors[-1][1]
    assert RosterService(window.ctx.team).count() == 0
    assert window.ctx.undo_stack.count() == 0
    assert tab.import_preview is not None and tab.import_preview.import_button.isEnabled()


def test_file_open_backs_the_file_up_on_a_worker_then_opens_it(
    window, qtbot, demo_path: Path, team_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.core.safety.backup import list_backups
    from teamkeel.core.storage import teamfile

    create_team(team_path, "Harbour").close()
    assert window.open_file(team_path)
    threads: list[int] = []

    def note_thread(_path: Path) -> None:
        threads.append(threading.get_ident())

    teamfile.add_before_open_hook(note_thread)
    try:
        backups = len(list_backups(demo_path))
        prompts.files.append(str(demo_path))
        window.choose_file()  # File → Open…
        assert window.ctx.team.path == team_path  # not yet: the backup comes first
        qtbot.waitUntil(lambda: window.ctx.team.path == demo_path, timeout=30_000)
    finally:
        teamfile.BEFORE_OPEN_HOOKS.remove(note_thread)
    assert threads[0] != threading.get_ident()  # the hooks ran on a worker first
    assert len(list_backups(demo_path)) == backups + 1  # one backup, not two


def test_a_file_opened_after_another_builds_the_other_tabs_when_shown(
    window, qtbot, demo_path: Path, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    create_team(team_path, "Harbour").close()
    assert window.open_file(team_path)
    assert window.open_file(demo_path)  # in place of the first
    with qtbot.waitSignal(window.loaded, timeout=30_000):
        window.grab()  # the first frame starts the background work
    built = [slot.key for slot in window.slots if slot.tab is not None]
    assert built == [window.current_key()]
    other = next(slot.key for slot in window.slots if slot.tab is None)
    assert window.select_tab(other) and window.tab_is_built(other)
