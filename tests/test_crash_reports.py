"""When Keel itself fails: the window says so in a dialog and keeps working, the command
line says so in one line, both log the details, and the team file is left whole."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from teamkeel import __version__
from teamkeel.core import logs
from teamkeel.core.roster import Member, RosterReader, RosterService
from teamkeel.core.roster import service as roster_service
from teamkeel.core.safety.check import check_file
from teamkeel.core.storage.teamfile import TeamFile


class Gremlin(RuntimeError):
    pass


@pytest.fixture
def failing_insert(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Members are written, then the transaction fails half-way: a fault in Keel,
    in the middle of a write, once ``armed[0]`` is set."""
    armed = [False]
    real = roster_service._insert_many

    def insert_then_fail(s: Any, table: Any, rows: list[dict[str, Any]], *rest: Any) -> None:
        real(s, table, rows, *rest)
        if armed[0]:
            raise Gremlin("the gremlin bit a wire")

    monkeypatch.setattr(roster_service, "_insert_many", insert_then_fail)
    yield armed


@pytest.fixture
def crash_handler(window):  # type: ignore[no-untyped-def]
    from teamkeel.ui import crash

    logs.start()
    handler = crash.install(window)
    yield handler
    handler.uninstall()


def names(path: Path) -> list[str]:
    with TeamFile.open(path) as team:
        return [m.name for m in RosterReader(team).list_members()]


def log_text() -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return logs.log_path().read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture  # the error is the point: Keel's hook takes it
def test_an_error_in_a_slot_shows_a_dialog_and_the_window_keeps_working(  # type: ignore[no-untyped-def]
    window, qtbot, crash_handler, failing_insert, team_path: Path
) -> None:
    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member("Ana Sousa"))
    assert window.open_file(team_path)
    roster = window.tab("roster")
    failing_insert[0] = True

    roster.add_button.click()  # the slot raises; Qt calls sys.excepthook

    qtbot.waitUntil(lambda: crash_handler.dialog is not None and crash_handler.dialog.isVisible())
    dialog = crash_handler.dialog
    text = dialog.message.text()
    assert "Keel could not finish “Add member" in text  # what failed, in the user's words
    assert "Gremlin: the gremlin bit a wire" in text
    assert "Nothing you saved was lost" in text
    assert str(logs.log_path()) in text
    assert not dialog.isModal()

    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert f"Keel {__version__}" in copied and "Python" in copied and "Qt " in copied
    assert "Traceback" in copied and "insert_then_fail" in copied

    logged = log_text()
    assert "ERROR" in logged and "Unexpected error in the window" in logged
    assert "Gremlin: the gremlin bit a wire" in logged

    # The half-done write was rolled back: the file is whole, with what was saved.
    assert names(team_path) == ["Ana Sousa"]
    assert check_file(team_path) == []
    assert window.ctx.undo_stack.count() == 0  # no step that would undo nothing

    # The window still works, and a second error joins the open dialog.
    roster.add_button.click()
    assert crash_handler.dialog is dialog and "1 more error followed" in dialog.message.text()
    failing_insert[0] = False
    roster.add_button.click()
    assert names(team_path) == ["Ana Sousa", "New member"]
    assert window.ctx.undo_stack.count() == 1


def test_the_about_box_names_the_log(window, prompts) -> None:  # type: ignore[no-untyped-def]
    window.about()
    title, text = prompts.infos[-1]
    assert title == "About Keel" and __version__ in text
    assert str(logs.log_path()) in text


def test_an_unexpected_error_on_the_command_line_is_one_line_and_exit_1(
    failing_insert: list[bool], team_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from teamkeel.cli import main

    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member("Ana Sousa"))
    csv = tmp_path / "people.csv"
    csv.write_text("Name,Role\nBo Lindqvist,Engineer\n", encoding="utf-8")
    failing_insert[0] = True

    code = main(["roster", "import", str(csv), "--db", str(team_path)])

    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "something went wrong inside Keel (Gremlin: the gremlin bit a wire)" in err[0]
    assert "nothing saved was lost" in err[0] and str(logs.log_path()) in err[0]
    logged = log_text()
    assert "Traceback" in logged and "Gremlin: the gremlin bit a wire" in logged
    assert names(team_path) == ["Ana Sousa"] and check_file(team_path) == []


def test_a_user_mistake_stays_exit_2_and_writes_no_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from teamkeel.cli import main

    code = main(["roster", "export", "--db", str(tmp_path / "missing.keel"), "--out", "x.csv"])
    assert code == 2
    assert capsys.readouterr().err.startswith("teamkeel: error: ")
    assert not logs.log_path().exists()


def test_held_records_reach_the_file_once_it_opens() -> None:
    logs.start()
    logging.getLogger("teamkeel.test").info("quiet start")
    assert not logs.log_path().exists()  # nothing went wrong: no file written yet
    logging.getLogger("teamkeel.test").warning("a backup could not be made")
    text = log_text()
    assert "quiet start" in text and "a backup could not be made" in text


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_shown_by_the_window(  # type: ignore[no-untyped-def]
    window, qtbot, crash_handler
) -> None:
    from PySide6.QtCore import QThread

    class Failing(QThread):
        def run(self) -> None:
            raise Gremlin("in the planner's thread")

    worker = Failing()
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start()
    qtbot.waitUntil(lambda: crash_handler.dialog is not None, timeout=5000)
    assert crash_handler.dialog.thread() is window.thread()
    assert "in the planner's thread" in crash_handler.dialog.message.text()
    assert "in the planner's thread" in log_text()
