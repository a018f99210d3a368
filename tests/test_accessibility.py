"""Every control a screen reader can land on says what it is: an accessible name, a
label whose buddy it is, or (for a button) a text with a word in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)

from teamkeel.features import TAB_TITLES

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QSlider,
)
# Parts of a composite control that Qt names itself (a combo's line, a spin box's
# arrows, a tab bar's scroll buttons, a line edit's clear button).
COMPOSITE = (QComboBox, QAbstractSpinBox, QTabBar, QCalendarWidget, QLineEdit)


def _part_of_another(widget: QWidget, root: QWidget) -> bool:
    if isinstance(widget, QHeaderView) or widget.objectName() == "qt_tableview_cornerbutton":
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, COMPOSITE) or parent.isWindow():
            return True  # inside a composite control, or a popup of one
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    """The interactive controls under ``root`` that a screen reader could not name."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _part_of_another(widget, root):
            continue
        name = widget.accessibleName()
        if not name and isinstance(widget, QAbstractButton):
            name = widget.text()  # "◀" alone names nothing
        if not re.search(r"\w", name) and id(widget) not in buddies:
            owner = widget.parentWidget()
            where = type(owner).__name__ if owner is not None else "?"
            found.append(f"{type(widget).__name__} {widget.objectName()!r} in {where}")
    return found


def walk_tabs(window) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    missing = {}
    for key in TAB_TITLES:
        assert window.select_tab(key)
        problems = unnamed_controls(window.tab(key))
        if problems:
            missing[key] = problems
    return missing


@pytest.mark.parametrize("which", ["demo", "empty"])
def test_every_control_of_every_tab_has_a_name(window, demo_path: Path, team_path: Path, which):  # type: ignore[no-untyped-def]
    assert window.open_file(demo_path if which == "demo" else team_path, create=True)
    assert walk_tabs(window) == {}


def test_every_control_of_the_dialogs_has_a_name(window, demo_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.ui.safety import open_restore_dialog

    assert window.open_file(demo_path)
    window.select_tab("calendar")
    calendar = window.tab("calendar")
    dialogs: list[QDialog] = [calendar.new_ritual(), calendar.open_rollout_dialog()]
    window.select_tab("rotations")
    window.tab("rotations").new_rotation()
    window.select_tab("journey")
    dialogs.append(window.tab("journey").starting.open_dialog())
    restore = open_restore_dialog(window)
    dialogs += [restore] if restore is not None else []
    dialogs += window.findChildren(QDialog)
    problems = {
        d.objectName() or type(d).__name__: unnamed_controls(d)
        for d in {id(d): d for d in dialogs if d is not None}.values()
    }
    assert len(problems) >= 5  # ritual, rollout, rotation, starting point, restore
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_check_finds_a_nameless_control(qtbot) -> None:  # type: ignore[no-untyped-def]
    root = QWidget()
    qtbot.addWidget(root)
    QLineEdit(root)
    named = QLineEdit(root)
    named.setAccessibleName("Team name")
    buddied = QLineEdit(root)
    QLabel("&Role", root).setBuddy(buddied)
    assert unnamed_controls(root) == ["QLineEdit '' in QWidget"]
