"""Help → Keyboard shortcuts: every key the window answers to, read from the window
itself (its actions, its shortcuts and the buttons that have a key), never from a list
kept by hand, so the dialog cannot fall behind the keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.i18n import _

if TYPE_CHECKING:
    from teamkeel.ui.window_host import WindowHost


@dataclass(frozen=True)
class Key:
    where: str  # "File menu", "Window", a tab's title
    what: str
    keys: str  # as the platform writes them, alternatives joined by ", "


def _keys(sequences: list[QKeySequence]) -> str:
    return ", ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty()
    )


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _where(obj: QWidget | None, window: QMainWindow) -> str:
    """The tab (by its title) a widget belongs to, or "Window"."""
    from teamkeel.ui.base_tab import BaseTab

    while obj is not None and obj is not window:
        if isinstance(obj, BaseTab):
            return obj.title
        obj = obj.parentWidget()
    return _("Window")


def _menu_name(title: str) -> str:
    """ "&File" -> "File menu", as the shortcuts list names where a key is."""
    return _("{menu} menu").format(menu=_plain(title))


def _menu_of(action: QAction) -> str:
    for widget in action.associatedObjects():
        if isinstance(widget, QMenu):
            return _menu_name(widget.title())
    return ""


def window_keys(window: QMainWindow) -> list[Key]:
    """Every key of ``window`` and of the tabs built so far, with what it does."""
    found: list[Key] = []
    for action in window.findChildren(QAction):
        keys = _keys(action.shortcuts())
        if keys and action.text():
            parent = action.parent()
            where = _menu_of(action) or _where(
                parent if isinstance(parent, QWidget) else None, window
            )
            found.append(Key(where, _plain(action.text()), keys))
    for shortcut in window.findChildren(QShortcut):
        keys = _keys([shortcut.key()])
        if keys and shortcut.whatsThis():
            parent = shortcut.parent()
            found.append(
                Key(
                    _where(parent if isinstance(parent, QWidget) else None, window),
                    shortcut.whatsThis(),
                    keys,
                )
            )
    for button in window.findChildren(QAbstractButton):
        keys = _keys([button.shortcut()])
        if keys and not keys.startswith("Alt+"):  # Alt+letter: the underlined mnemonic
            found.append(Key(_where(button, window), _plain(button.text()), keys))
    menus = (_("&File"), _("&Edit"), _("&Help"))  # as the main window titles them
    order = {**{_menu_name(m): i for i, m in enumerate(menus)}, _("Window"): len(menus)}
    unique = {(k.where, k.what, k.keys): k for k in found}.values()
    return sorted(unique, key=lambda k: (order.get(k.where, 4), k.where, k.what.casefold()))


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.resize(560, 520)
        self.keys = window_keys(window)
        self.table = QTableWidget(len(self.keys), 3)
        self.table.setObjectName("shortcuts_table")
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels(["Where", "What", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, key in enumerate(self.keys):
            for col, text in enumerate((key.where, key.what, key.keys)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def rows(self) -> list[tuple[str, str, str]]:
        return [(k.where, k.what, k.keys) for k in self.keys]


def show_shortcuts(window: WindowHost) -> ShortcutsDialog:
    """Build every tab first (their keys count too), then show the list."""
    if window.ctx is not None:
        for slot in window.slots:
            window.tab(slot.key)
    dialog = ShortcutsDialog(window)
    dialog.open()
    return dialog
