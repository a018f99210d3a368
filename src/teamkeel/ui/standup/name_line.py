"""A line edit that completes ``@names`` from the roster, in any script.

Typing ``@`` (or more of a name) opens a list of matching members — a name matches when
it, or any word of it, starts with what was typed. Tab, Enter or a click puts the whole
name in the line followed by a space; Escape closes the list.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from teamkeel.core.standup.entries import MemberRef
from teamkeel.core.standup.parser import complete_names, completion_prefix

_ACCEPT_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class NameCompletingLine(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.members: list[MemberRef] = []
        self._names = QStringListModel(self)
        self.completer_ = QCompleter(self._names, self)
        self.completer_.setWidget(self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.activated.connect(self.insert_name)
        # QCompleter forwards the accepting key to the line after completing; this flag
        # keeps that same key from also submitting the line or moving the focus.
        self._swallow_key = False
        self.textEdited.connect(self._update_completion)

    def completion_list(self) -> QAbstractItemView:
        """The list of names on offer. QCompleter makes it when it is made, so it is
        never missing although the stubs allow None."""
        popup = self.completer_.popup()
        assert popup is not None
        return popup

    def set_members(self, members: Sequence[MemberRef]) -> None:
        self.members = list(members)

    def candidates(self) -> list[str]:
        """Names the completion list offers right now (empty when it is closed)."""
        if not self.completion_list().isVisible():
            return []
        return self._names.stringList()

    def _update_completion(self, *_: object) -> None:
        found = completion_prefix(self.text(), self.cursorPosition())
        names: list[str] = []
        if found is not None:
            _at, typed = found
            names = [m.name for m in complete_names(typed, self.members)]
        if not names:
            self.completion_list().hide()
            return
        self._names.setStringList(names)
        self.completer_.complete()
        popup = self.completion_list()
        popup.setCurrentIndex(self.completer_.completionModel().index(0, 0))

    def insert_name(self, name: str) -> None:
        """Replace the ``@partial`` before the cursor with ``@Full Name ``."""
        found = completion_prefix(self.text(), self.cursorPosition())
        if found is None:
            return
        at, _typed = found
        text, cursor = self.text(), self.cursorPosition()
        rest = text[cursor:].lstrip(" ")
        self.setText(f"{text[:at]}@{name} {rest}")
        self.setCursorPosition(at + len(name) + 2)
        self.completion_list().hide()
        # Only the key event QCompleter forwards right now is swallowed, never a later one.
        self._swallow_key = True
        QTimer.singleShot(0, self._stop_swallowing)

    def _stop_swallowing(self) -> None:
        self._swallow_key = False

    def accept_completion(self) -> bool:
        """Take the highlighted (or first) name from the open list; False if none is open."""
        popup = self.completion_list()
        if not popup.isVisible():
            return False
        index = popup.currentIndex()
        names = self._names.stringList()
        row = index.row() if index.isValid() else 0
        if not names:
            return False
        self.insert_name(names[min(row, len(names) - 1)])
        self._swallow_key = False
        return True

    def _leaves_undo_to_the_window(self, event: QKeyEvent) -> bool:
        """Ctrl+Z / Ctrl+Shift+Z undo typing while there is typing to undo; on an empty
        line (just after Enter recorded it) they undo and redo the last recorded edit."""
        if event.matches(QKeySequence.StandardKey.Undo):
            return not self.text() or not self.isUndoAvailable()
        if event.matches(QKeySequence.StandardKey.Redo):
            return not self.text() or not self.isRedoAvailable()
        return False

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._leaves_undo_to_the_window(event)
        ):
            event.ignore()  # not claimed: the window's Edit → Undo shortcut gets the key
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in _ACCEPT_KEYS:
                if self._swallow_key:
                    self._swallow_key = False
                    return True
                if self.accept_completion():
                    return True
            elif key == Qt.Key.Key_Escape and self.completion_list().isVisible():
                self.completion_list().hide()
                return True
            else:
                self._swallow_key = False
        return super().event(event)
