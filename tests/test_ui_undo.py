"""Undo and redo when the file changed under them (another Keel, or the command line)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from teamkeel.core.calendar import CalendarService, Ritual
from teamkeel.core.calendar.domain import Recurrence
from teamkeel.core.storage.teamfile import TeamFile


def test_an_undo_that_can_no_longer_apply_says_so_and_leaves_the_stack(  # type: ignore[no-untyped-def]
    window, qtbot, team_path: Path, prompts
) -> None:
    TeamFile.create(team_path).close()
    assert window.open_file(team_path)
    tab = window.tab("calendar")
    ritual = tab.add_ritual(
        Ritual(
            kind="standup",
            title="Kudos & blockers",
            start=dt.datetime(2026, 1, 5, 9, 30),
            timezone="Europe/Paris",
            duration_minutes=15,
            recurrence=Recurrence("weekdays"),
        )
    )
    # Another Keel on the same file deletes the ritual this window just added.
    with TeamFile.open(team_path) as other:
        CalendarService(other).delete(ritual.id)
    stack = window.ctx.undo_stack
    stack.undo()  # undoing the addition finds nothing to delete
    assert prompts.errors and "ritual" in prompts.errors[-1][1]
    # The command that cannot apply any more is gone, so Redo does not offer it.
    assert stack.count() == 0 and not stack.canRedo()
    assert CalendarService(window.ctx.team).list_rituals() == []


def test_opening_another_file_leaves_no_undo_actions_behind(  # type: ignore[no-untyped-def]
    window, qtbot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QAction

    first, second = tmp_path / "a.keel", tmp_path / "b.keel"
    for path in (first, second):
        TeamFile.create(path).close()

    def actions_after_opening(path: Path) -> int:
        assert window.open_file(path)
        for slot in window.slots:  # every tab built, as a minute after opening
            window.tab(slot.key)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        recent = len(window.recent_menu.actions())  # one more file to offer: one more entry
        return len(window.findChildren(QAction)) - recent

    counts = [actions_after_opening(p) for p in (first, second, first, second)]
    assert counts[1:] == counts[:1] * 3
    assert len(window.edit_menu.actions()) == 4  # undo, redo, a separator, preferences
    assert len(window.file_extras.actions()) == 2


def test_undo_and_redo_show_the_tab_they_change_and_name_the_step(  # type: ignore[no-untyped-def]
    window, qtbot, team_path: Path
) -> None:
    TeamFile.create(team_path).close()
    assert window.open_file(team_path)
    assert window.select_tab("roster")
    roster = window.tab("roster")
    roster.add_member()
    roster.form.role.setText("Designer")
    roster.form.role.editingFinished.emit()
    stack = window.ctx.undo_stack
    assert stack.undoText() == "Change New member's role"
    roster.team_name.setText("Harbour")
    roster.team_name.editingFinished.emit()
    assert stack.undoText() == "Rename team to “Harbour”"
    calendar = window.tab("calendar")
    calendar.add_ritual(
        Ritual(
            kind="standup",
            title="Kudos & blockers",
            start=dt.datetime(2026, 1, 5, 9, 30),
            timezone="Europe/Paris",
            duration_minutes=15,
            recurrence=Recurrence("weekdays"),
        )
    )
    window.select_tab("insights")
    stack.undo()  # takes the ritual back: the calendar is shown
    assert window.tab_widget.currentWidget().key == "calendar"
    assert CalendarService(window.ctx.team).list_rituals() == []
    stack.undo()  # the team's name, shown on the roster
    assert window.tab_widget.currentWidget().key == "roster"
    window.select_tab("standup")
    stack.redo()
    assert window.tab_widget.currentWidget().key == "roster"
    assert roster.team_name.text() == "Harbour"
    window.select_tab("compact")
    stack.redo()
    assert window.tab_widget.currentWidget().key == "calendar"
    assert [r.title for r in CalendarService(window.ctx.team).list_rituals()] == [
        "Kudos & blockers"
    ]
