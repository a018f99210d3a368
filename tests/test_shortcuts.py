"""Help → Keyboard shortcuts lists every key the window answers to, read from the
window's own actions and shortcuts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence, QShortcut

from teamkeel.ui.shortcuts import ShortcutsDialog, window_keys


def native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def open_dialog(window) -> ShortcutsDialog:  # type: ignore[no-untyped-def]
    help_menu = window.help_menu
    entry = next(a for a in help_menu.actions() if "Keyboard shortcuts" in a.text())
    entry.trigger()
    dialog = window.findChild(ShortcutsDialog, "shortcuts_dialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_every_action_and_shortcut_with_a_key_is_listed(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(demo_path)
    dialog = open_dialog(window)  # builds every tab first
    listed = dialog.rows()
    listed_keys = " | ".join(keys for _, _, keys in listed)
    actions = [a for a in window.findChildren(QAction) if a.shortcuts()]
    assert len(actions) >= 15  # File, Edit, Help, the tab keys
    for action in actions:
        assert action.text(), f"an action with {native(action.shortcuts()[0])} has no name"
        for sequence in action.shortcuts():
            assert native(sequence) in listed_keys, action.text()
    shortcuts = window.findChildren(QShortcut)
    assert len(shortcuts) >= 10
    for shortcut in shortcuts:
        assert shortcut.whatsThis(), f"{native(shortcut.key())} says not what it does"
        assert any(
            what == shortcut.whatsThis() and native(shortcut.key()) in keys
            for _, what, keys in listed
        )
    # Rows say where a key works and what it does, in the window's own words.
    assert ("Edit menu", "Undo", native(QKeySequence(QKeySequence.StandardKey.Undo))) in listed
    assert any(
        where == "Stand-up" and what == "Go to the weekly goals" for where, what, _ in listed
    )
    assert any(where == "Window" and what == "Next tab" for where, what, _ in listed)
    assert dialog.table.rowCount() == len(listed)


def test_a_new_key_shows_without_a_change_to_the_dialog(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(demo_path)
    shortcut = QShortcut(QKeySequence("Ctrl+Alt+K"), window.tab("roster"))
    shortcut.setWhatsThis("Knit a scarf")
    assert any(k.what == "Knit a scarf" and k.where == "Roster" for k in window_keys(window))
