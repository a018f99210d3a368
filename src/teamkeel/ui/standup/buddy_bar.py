"""Buddy suggestions under the quick entry, right after a blocker is recorded.

Up to three colleagues who could help now, each with the reason in plain words; Alt+1,
Alt+2 or Alt+3 (or a click) records one as the blocker's buddy, as one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.buddies import Suggestion
from teamkeel.core.goals.buddy_store import Buddies, BuddyChoice
from teamkeel.ui.context import AppContext
from teamkeel.ui.undo import ServiceCommand, push


@dataclass
class _PickedBuddy:
    """What picking a buddy remembers: the choice it replaced (None when there was none)."""

    before: BuddyChoice | None = None


class BuddyBar(QWidget):
    message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.blocker_id: int | None = None
        self.owner = ""
        self.suggestions: list[Suggestion] = []
        self.label = QLabel("Who could help now:")
        self.buttons = [QPushButton() for _ in range(3)]
        self.close_button = QPushButton("Not now")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        for i, button in enumerate(self.buttons):
            button.setObjectName(f"buddy_{i + 1}")
            button.setAccessibleName(f"Suggested buddy {i + 1}")
            button.clicked.connect(lambda _checked=False, i=i: self.choose(i))
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def install_shortcuts(self, host: QWidget) -> None:
        """Alt+1..3 anywhere in ``host`` (the tab) while suggestions are shown."""
        for i in range(len(self.buttons)):
            shortcut = QShortcut(QKeySequence(f"Alt+{i + 1}"), host)
            shortcut.setWhatsThis(f"Choose suggested buddy {i + 1}")
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda i=i: self._choose_if_shown(i))

    def _choose_if_shown(self, index: int) -> None:
        if self.isVisible():
            self.choose(index)

    def show_for(self, blocker_id: int, owner: str) -> None:
        try:
            self.suggestions = Buddies(self.ctx.team).suggest(blocker_id)
        except KeelError:
            self.hide()
            return
        self.blocker_id, self.owner = blocker_id, owner
        if not self.suggestions:
            self.hide()
            return
        self.label.setText(f"Who could help {owner} now:")
        for i, button in enumerate(self.buttons):
            if i < len(self.suggestions):
                s = self.suggestions[i]
                button.setText(f"{s.name} ({i + 1})")
                button.setToolTip(f"{', '.join(s.reasons)} — Alt+{i + 1} picks {s.name} as buddy")
                button.setAccessibleDescription(", ".join(s.reasons))
                button.show()
            else:
                button.hide()
        self.show()

    def choose(self, index: int) -> None:
        if self.blocker_id is None or index >= len(self.suggestions):
            return
        s, blocker_id = self.suggestions[index], self.blocker_id
        buddies = Buddies(self.ctx.team)
        step = _PickedBuddy()

        def do() -> None:
            step.before = buddies.choose(blocker_id, s.member_id, ", ".join(s.reasons))

        def undo() -> None:
            buddies.restore(blocker_id, step.before)

        try:
            push(
                self.ctx,
                ServiceCommand(
                    self.ctx, "goals", f"Pick {s.name} as {self.owner}'s buddy", do, undo
                ),
            )
        except KeelError as exc:
            self.message.emit(str(exc))
            return
        self.hide()
        self.message.emit(
            f"{s.name} is {self.owner}'s buddy for this blocker: {', '.join(s.reasons)}."
        )
