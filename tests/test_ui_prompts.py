"""The real prompts: non-blocking dialogs that go away once answered."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QWidget

from teamkeel.ui.prompts import Prompts


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_answered_dialogs_do_not_pile_up_under_the_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts = Prompts(parent)
    answers: list[str] = []
    for _ in range(3):
        prompts.info("Title", "Something to know")
        prompts.error("Title", "Something went wrong", "details")
        prompts.confirm("Title", "Sure?", lambda: answers.append("yes"))
        prompts.save_file("Save", "CSV (*.csv)", answers.append, "out.csv")
        shown = [d for d in parent.findChildren(QDialog) if d.isVisible()]
        assert len(shown) == 4
        for dialog in shown:
            dialog.reject()  # Cancel, Close or Escape
        _flush_deletes()
    assert parent.findChildren(QDialog) == []
    assert prompts._open == []
