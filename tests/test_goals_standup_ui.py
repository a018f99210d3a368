"""Weekly goals in the Stand-up tab: the quick-entry line, the grid by keyboard, buddy
suggestions after a blocker, and a named undo step for every edit."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from teamkeel.core.goals.buddy_store import Buddies
from teamkeel.core.goals.weekly import GoalStatus, WeeklyGoals
from teamkeel.core.goals.weeks import monday_of
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.standup import StandupService
from teamkeel.ui.context import AppContext
from teamkeel.ui.standup import StandupTab
from teamkeel.ui.standup.goals_grid import GOAL, SUPPORT

NAMES = ["Ana Sousa", "Bo", "Cy", "李娜"]


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type text of any script: keyClicks for ASCII, an input-method commit otherwise."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def tab(qtbot, team, prompts):  # type: ignore[no-untyped-def]
    RosterService(team).add_many(
        Member(
            name=n, role="Engineer", timezone="UTC", work_start=dt.time(0), work_end=dt.time(23, 59)
        )
        for n in NAMES
    )
    widget = StandupTab(AppContext(team, prompts))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.quick.setFocus()
    return widget


def ids(tab) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {m.name: m.id for m in tab.names.members}


def week_items(tab) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    items = WeeklyGoals(tab.ctx.team).week(tab.standup_day())
    return [(i.member_name, i.kind, i.text, i.status.value) for i in items]


def enter(qtbot, tab, line: str) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, tab.quick, line)
    qtbot.keyClick(tab.quick, Qt.Key.Key_Return)


def test_goal_line_records_goals_and_support_with_undo(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, tab.quick, "goal @Ana ship the export; support @李")
    qtbot.keyClick(tab.quick, Qt.Key.Key_Tab)  # the same @-completion as for kudos
    type_text(qtbot, tab.quick, "review the migration PR")
    # The preview follows a short pause in typing (the line is not re-read per key).
    qtbot.waitUntil(
        lambda: "Ana Sousa will deliver ship the export and support 李娜" in tab.message.text()
    )
    qtbot.keyClick(tab.quick, Qt.Key.Key_Return)
    assert tab.quick.text() == ""
    assert week_items(tab) == [
        ("Ana Sousa", "deliverable", "ship the export", "open"),
        ("Ana Sousa", "support", "review the migration PR", "open"),
    ]
    row = tab.goals.row_of(ids(tab)["Ana Sousa"])
    assert tab.goals.model.index(row, SUPPORT).data() == "for 李娜: review the migration PR"
    enter(qtbot, tab, "done @Ana support")
    assert week_items(tab)[1][3] == "done"
    stack = tab.ctx.undo_stack
    assert stack.undoText() == "Mark Ana Sousa's support done"
    stack.undo()
    assert week_items(tab)[1][3] == "open"
    assert stack.undoText() == "Set Ana Sousa's goals"
    stack.undo()
    assert week_items(tab) == []
    stack.redo()
    stack.redo()
    assert [i[3] for i in week_items(tab)] == ["open", "done"]


def test_goal_line_problems_are_shown_in_place(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    enter(qtbot, tab, "done @Bo support")
    assert "Bo has no supportive action set for this week yet." in tab.message.text()
    assert tab.quick.text() == "done @Bo support"  # kept for fixing
    tab.quick.clear()
    enter(qtbot, tab, "goal @Ana ship it; support @Ana myself")
    assert "cannot support themselves" in tab.message.text()
    assert week_items(tab) == []


def test_the_grid_by_keyboard(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    people = ids(tab)
    goals = WeeklyGoals(tab.ctx.team)
    goals.add(people["Bo"], tab.standup_day(), ["fix the flaky test"], people["Cy"], "pair on CI")
    tab.reload()  # as after a change made elsewhere
    qtbot.keyClick(tab, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    grid = tab.goals.table
    assert tab.views.currentWidget() is tab.goals and grid.hasFocus()
    row = tab.goals.row_of(people["Bo"])
    grid.setCurrentIndex(tab.goals.model.index(row, SUPPORT))
    qtbot.keyClick(grid, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: week_items(tab)[1][3] == "done")
    assert tab.ctx.undo_stack.undoText() == "Mark Bo's support done"
    grid.setCurrentIndex(tab.goals.model.index(row, GOAL))
    qtbot.keyClick(grid, Qt.Key.Key_N)
    qtbot.keyClick(grid, Qt.Key.Key_C)  # carry over: one keystroke
    next_week = goals.week(monday_of(tab.standup_day()) + dt.timedelta(days=7))
    assert [(i.text, i.status, bool(i.carried_from_id)) for i in next_week] == [
        ("fix the flaky test", GoalStatus.OPEN, True)
    ]
    assert tab.ctx.undo_stack.undoText() == "Carry Bo's unfinished goals to next week"
    tab.ctx.undo_stack.undo()
    assert goals.week(monday_of(tab.standup_day()) + dt.timedelta(days=7)) == []
    # Editing a cell: the support column reads "@name what".
    index = tab.goals.model.index(tab.goals.row_of(people["Cy"]), SUPPORT)
    tab.goals.model.setData(index, "@Ana walk her through the deploy", Qt.ItemDataRole.EditRole)
    cy = [i for i in goals.week(tab.standup_day()) if i.member_name == "Cy"]
    assert [(i.colleague_name, i.text) for i in cy] == [
        ("Ana Sousa", "walk her through the deploy")
    ]
    assert tab.ctx.undo_stack.undoText() == "Edit Cy's supportive action"
    tab.goals.model.setData(index, "walk her", Qt.ItemDataRole.EditRole)  # no @name
    assert "Supportive action:" in tab.message.text()


def test_a_recorded_blocker_offers_buddies(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    enter(qtbot, tab, "blocked @Cy staging database is down #infra")
    assert tab.buddy_bar.isVisible()
    shown = [b.text() for b in tab.buddy_bar.buttons if b.isVisible()]
    assert len(shown) == 3 and not any("Cy" in t for t in shown)
    first = tab.buddy_bar.suggestions[0]
    qtbot.keyClick(tab.quick, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    blocker = StandupService(tab.ctx.team).open_blockers(tab.standup_day())[0]
    chosen = Buddies(tab.ctx.team).chosen(blocker.id)
    assert chosen is not None and chosen.member_id == first.member_id
    assert tab.ctx.undo_stack.undoText() == f"Pick {first.name} as Cy's buddy"
    assert not tab.buddy_bar.isVisible()
    tab.ctx.undo_stack.undo()
    assert Buddies(tab.ctx.team).chosen(blocker.id) is None
