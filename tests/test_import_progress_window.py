"""Large imports from File → Import show a progress dialog whose Cancel writes nothing
(issue 19, item 13): the roster CSV and survey answers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog

from teamkeel.core.insights.service import InsightsService
from teamkeel.core.roster import RosterService
from teamkeel.core.team_info import create_team

ROWS = 6000


def open_empty(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_team(team_path, "Night Owls").close()
    assert window.open_file(team_path)


def trigger(window, name: str) -> None:  # type: ignore[no-untyped-def]
    {a.objectName(): a for a in window.import_menu.actions()}[name].trigger()


class Watcher:
    """Looks at ``window``'s progress dialog while the import runs, and presses its
    Cancel once ``cancel_at`` of the work is done (never, for None)."""

    def __init__(self, window, cancel_at: float | None = None):  # type: ignore[no-untyped-def]
        self.window = window
        self.cancel_at = cancel_at
        self.seen: list[tuple[str, int, int]] = []
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.look)
        self.timer.start()

    def look(self) -> None:
        for dialog in self.window.findChildren(QProgressDialog, "progress_dialog"):
            if dialog.value() < 0:  # reset: its work is over
                continue
            self.seen.append((dialog.labelText(), dialog.value(), dialog.maximum()))
            at = self.cancel_at
            if at is not None and dialog.value() >= at * dialog.maximum():
                dialog.cancel()


def roster_file(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Email\r\n" + "".join(f"P{i},p{i}@example.org\r\n" for i in range(ROWS)), "utf-8"
    )
    return path


def test_a_roster_import_shows_its_progress(window, qtbot, team_path, tmp_path, prompts) -> None:  # type: ignore[no-untyped-def]
    open_empty(window, team_path)
    prompts.files.append(str(roster_file(tmp_path)))
    trigger(window, "importRoster")
    watcher = Watcher(window)
    window.tab("roster").import_preview.import_button.click()
    qtbot.waitUntil(lambda: not window.tab("roster").importing)
    watcher.timer.stop()
    assert RosterService(window.ctx.team).count() == ROWS
    labels = [label for label, _, _ in watcher.seen]
    assert labels[0] == f"Importing {ROWS:,} members from people.csv…"
    assert set(labels) <= {labels[0], "Saving…"}  # Saving…: the write, Cancel greyed out
    values = [value for _, value, _ in watcher.seen]
    assert values == sorted(values) and values[-1] > values[0]
    assert window.ctx.undo_stack.undoText() == f"Import {ROWS} members from people.csv"


def held_at(fraction: float, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The import (on a worker) waits at ``fraction`` of its work until told to stop,
    so that the window's Cancel lands there however fast the machine is."""
    import time

    from teamkeel.core.roster import csvio

    real_import = csvio.import_members

    def held_import(roster, source, mapping, progress):  # type: ignore[no-untyped-def]
        def held(done: int, total: int) -> bool:
            deadline = time.monotonic() + 4
            keep_going = progress(done, total)
            while keep_going and done >= fraction * total and time.monotonic() < deadline:
                time.sleep(0.005)  # the worker waits; the window's Cancel ends it
                keep_going = progress(done, total)
            return keep_going

        return real_import(roster, source, mapping, held)

    monkeypatch.setattr(csvio, "import_members", held_import)


def test_cancel_during_a_roster_import_writes_nothing(
    window, qtbot, team_path, tmp_path, prompts, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    held_at(0.3, monkeypatch)
    open_empty(window, team_path)
    prompts.files.append(str(roster_file(tmp_path)))
    trigger(window, "importRoster")
    watcher = Watcher(window, cancel_at=0.3)  # while checking rows (the first half)
    window.tab("roster").import_preview.import_button.click()
    qtbot.waitUntil(lambda: not window.tab("roster").importing)
    watcher.timer.stop()
    assert watcher.seen
    assert RosterService(window.ctx.team).count() == 0
    assert window.statusBar().currentMessage() == "The import was cancelled; nothing was written."
    assert not prompts.errors
    assert window.ctx.undo_stack.count() == 0  # no step that would undo nothing
    assert window.tab("roster").import_preview is not None  # the preview stays, to try again


def test_cancel_during_a_survey_import_writes_nothing(window, team_path, tmp_path, prompts) -> None:  # type: ignore[no-untyped-def]
    open_empty(window, team_path)
    survey = tmp_path / "forms.csv"
    survey.write_text(
        "Timestamp,Q1,Q2,Q3,Q4,Q5,Q6,Q7\r\n"
        + "".join(f"2026/03/0{1 + i % 5} 10:00:00,1,2,3,4,5,6,7\r\n" for i in range(ROWS)),
        "utf-8",
    )
    prompts.files.append(str(survey))
    watcher = Watcher(window, cancel_at=0.25)  # while reading the answers
    trigger(window, "importSurvey")
    watcher.timer.stop()
    assert watcher.seen and watcher.seen[0][0] == "Importing survey answers from forms.csv…", (
        prompts.errors,
        window.statusBar().currentMessage(),
        prompts.files,
    )
    assert InsightsService(window.ctx.team).survey_rounds() == []
    assert window.statusBar().currentMessage() == (
        "The survey import was cancelled; nothing was written."
    )
    prompts.files.append(str(survey))  # and without Cancel, all of it
    trigger(window, "importSurvey")
    (stored,) = InsightsService(window.ctx.team).survey_rounds()
    assert len(stored.responses) == ROWS
