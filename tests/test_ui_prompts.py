"""The real prompts: non-blocking dialogs that go away once answered."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from teamkeel.ui.prompts import Prompts


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_answered_messages_do_not_pile_up_under_the_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts = Prompts(parent)
    answers: list[str] = []
    for _ in range(3):
        prompts.info("Title", "Something to know")
        prompts.error("Title", "Something went wrong", "details")
        prompts.confirm("Title", "Sure?", lambda: answers.append("yes"))
        shown = [d for d in parent.findChildren(QDialog) if d.isVisible()]
        assert len(shown) == 3
        for dialog in shown:
            dialog.reject()  # Cancel, Close or Escape
        _flush_deletes()
    assert parent.findChildren(QMessageBox) == []
    assert prompts._open == []


def test_a_file_saved_under_another_type_gets_that_type_s_ending(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QFileDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[str] = []
    Prompts(parent).save_file(
        "Export calendar",
        "iCalendar (*.ics);;PDF month view (*.pdf)",
        chosen.append,
        str(tmp_path / "rituals.ics"),
    )
    (dialog,) = parent.findChildren(QFileDialog)
    types = dialog.findChild(QComboBox, "fileTypeCombo")
    types.setFocus()
    qtbot.keyClick(types, Qt.Key.Key_Down)  # the lead picks "PDF month view"
    assert dialog.selectedNameFilter().startswith("PDF")
    dialog.selectFile(str(tmp_path / "march"))
    dialog.accept()
    assert chosen == [str(tmp_path / "march.pdf")]


def test_the_answering_stand_in_has_every_question_the_window_asks() -> None:
    """Window tests pass ``AnsweringPrompts`` where the window expects ``Prompts``; a
    question added to one and not the other would only fail in the window."""
    import inspect

    from conftest import AnsweringPrompts
    from teamkeel.ui.prompts import Prompts

    def questions(cls: type) -> dict[str, list[str]]:
        return {
            name: list(inspect.signature(member).parameters)
            for name, member in vars(cls).items()
            if callable(member) and not name.startswith("_")
        }

    assert questions(Prompts) == questions(AnsweringPrompts)


def test_file_dialogs_open_where_that_kind_of_file_was_last_saved_or_opened(  # type: ignore[no-untyped-def]
    qtbot, tmp_path
) -> None:
    from pathlib import Path

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    settings = QSettings(str(tmp_path / "keel.ini"), QSettings.Format.IniFormat)
    reports, lists = tmp_path / "reports", tmp_path / "lists"
    reports.mkdir()
    lists.mkdir()
    (lists / "team.csv").write_text("Name\n", encoding="utf-8")
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[str] = []

    def answer(choose: str | None) -> str:
        """Answer the dialog just opened (choosing a file, or cancelling); return the
        folder it opened in."""
        dialog = [d for d in parent.findChildren(QFileDialog) if d.isVisible()][-1]
        folder = dialog.directory().absolutePath()
        if choose is None:
            dialog.reject()
        else:
            dialog.selectFile(choose)
            dialog.accept()
        return folder

    prompts = Prompts(parent, settings)
    prompts.save_file("Export compact", "PDF files (*.pdf)", chosen.append, "compact.pdf")
    assert answer(str(reports / "compact.pdf")) == str(Path.home())  # nothing known yet
    prompts.open_file("Import roster", "CSV files (*.csv *.txt)", chosen.append)
    assert answer(str(lists / "team.csv")) == str(Path.home())
    assert chosen == [str(reports / "compact.pdf"), str(lists / "team.csv")]
    # Next time, and in a later session: each kind opens where it was last used.
    later = Prompts(parent, QSettings(str(tmp_path / "keel.ini"), QSettings.Format.IniFormat))
    later.save_file("Export health report", "PDF files (*.pdf)", chosen.append, "health.pdf")
    assert answer(None) == str(reports)
    later.save_file("Export roster", "CSV files (*.csv)", chosen.append, "roster.csv")
    assert answer(None) == str(lists)
    later.save_file("Export rotation", "PDF (*.pdf);;CSV (*.csv)", chosen.append, "pairs.pdf")
    assert answer(None) == str(reports)
    assert len(chosen) == 2  # cancelled dialogs choose nothing
