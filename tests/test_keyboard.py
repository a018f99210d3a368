"""Keyboard use of the window: switching tabs from anywhere, and tables that keep the
lead's place while they tick and type."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from teamkeel.core.compact import CompactService
from teamkeel.core.roster import Member, RosterService
from teamkeel.ui.compact.commitments_model import NORM, UNIT
from teamkeel.ui.compact.signatures_model import MEMBER

CTRL = Qt.KeyboardModifier.ControlModifier


def open_active(window, qtbot, path: Path, create: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` in a window that has the keyboard, as the lead's window does."""
    assert window.open_file(path, create=create)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def current_key(window) -> str:  # type: ignore[no-untyped-def]
    return window.slots[window.tab_widget.currentIndex()].key


def test_ctrl_tab_and_ctrl_page_keys_switch_tabs_even_from_inside_a_table(
    window, qtbot, demo_path: Path
) -> None:  # type: ignore[no-untyped-def]
    open_active(window, qtbot, demo_path)
    window.select_tab("roster")
    table = window.tab("roster").table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Tab, CTRL)
    assert current_key(window) == "compact"
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_Backtab, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert current_key(window) == "roster"
    qtbot.keyClick(table, Qt.Key.Key_PageDown, CTRL)
    assert current_key(window) == "compact"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, CTRL)
    assert current_key(window) == "roster"
    # From the first tab, back goes round to the last one.
    window.tab_widget.setCurrentIndex(0)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageUp, CTRL)
    assert window.tab_widget.currentIndex() == window.tab_widget.count() - 1


def test_ctrl_and_a_digit_goes_to_that_tab_and_stand_up_focuses_its_entry_line(
    window, qtbot, demo_path: Path
) -> None:  # type: ignore[no-untyped-def]
    open_active(window, qtbot, demo_path)
    window.select_tab("roster")
    table = window.tab("roster").table
    table.setFocus()
    keys = [s.key for s in window.slots]
    for number, key in enumerate(keys, start=1):
        qtbot.keyClick(
            QApplication.focusWidget() or table, Qt.Key(Qt.Key.Key_0.value + number), CTRL
        )
        assert current_key(window) == key
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, CTRL)
    assert current_key(window) == keys[0]
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key(Qt.Key.Key_0.value + keys.index("standup") + 1), CTRL
    )
    quick = window.tab("standup").quick
    qtbot.waitUntil(quick.hasFocus)
    # Clicking the tab itself leaves the entry line ready too.
    window.select_tab("roster")
    window.tab_widget.tabBar().setFocus()
    window.tab_widget.setCurrentIndex(keys.index("standup"))
    qtbot.waitUntil(quick.hasFocus)


def test_ticking_a_signatory_keeps_the_place_so_down_space_ticks_the_next(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    open_active(window, qtbot, team_path, create=True)
    roster = RosterService(window.ctx.team)
    names = ["Ana Lima", "Bruno Costa", "Chen Wei", "Dana Fox"]
    for name in names:
        roster.add(Member(name=name))
    window.select_tab("compact")
    tab = window.tab("compact")
    window.ctx.changed.emit("roster")
    tab.start_page.start_button.click()
    tab.sections.setCurrentWidget(tab.signatures)
    table = tab.signatures.table
    table.setFocus()
    table.setCurrentIndex(tab.signatures.proxy.index(0, MEMBER))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    signed = [s.name for s in CompactService(window.ctx.team).draft().signatures]
    assert sorted(signed) == ["Ana Lima", "Bruno Costa"]
    assert table.currentIndex().row() == 1


def test_tab_after_the_norm_moves_on_to_the_unit(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_active(window, qtbot, demo_path)
    window.select_tab("compact")
    tab = window.tab("compact")
    table = tab.commitments.table
    table.setFocus()
    norm = tab.commitments.proxy.index(1, NORM)
    table.setCurrentIndex(norm)
    table.edit(norm)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "3")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: CompactService(window.ctx.team).draft().commitments[1].norm_value == 3)
    qtbot.waitUntil(lambda: table.currentIndex().column() == UNIT)
    assert table.currentIndex().row() == 1
