"""Buddy suggestions under the quick entry: right after a blocker is recorded, or for an
open blocker when the lead asks (“Suggest a buddy…” in the open blockers, or B there).

Up to three colleagues who could help now, each with the reason in plain words; Alt+1,
Alt+2 or Alt+3 (or a click) records one as the blocker's buddy, as one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.buddies import Suggestion
from teamkeel.core.goals.buddy_store import Buddies, BuddyChoice
from teamkeel.core.i18n import _
from teamkeel.ui import theme
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
        self.label = QLabel(_("Who could help now:"))
        self.buttons = [QPushButton() for _ in range(3)]
        self.close_button = QPushButton(_("Not now"))
        # The reasons in words, one line per suggestion: why each could help now.
        self.reasons = QLabel()
        self.reasons.setObjectName("buddy_reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet(theme.HINT_TEXT)
        row = QHBoxLayout()
        row.addWidget(self.label)
        for i, button in enumerate(self.buttons):
            button.setObjectName(f"buddy_{i + 1}")
            button.setAccessibleName(_("Suggested buddy {n}").format(n=i + 1))
            button.clicked.connect(lambda _checked=False, i=i: self.choose(i))
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.reasons)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def install_shortcuts(self, host: QWidget) -> None:
        """Alt+1..3 anywhere in ``host`` (the tab) while suggestions are shown."""
        for i in range(len(self.buttons)):
            shortcut = QShortcut(QKeySequence(f"Alt+{i + 1}"), host)
            shortcut.setWhatsThis(_("Choose suggested buddy {n}").format(n=i + 1))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda i=i: self._choose_if_shown(i))

    def _choose_if_shown(self, index: int) -> None:
        if self.isVisible():
            self.choose(index)

    def show_for(self, blocker_id: int, owner: str) -> bool:
        """Show the suggestions for a blocker; False (and hidden) when there are none."""
        buddies = Buddies(self.ctx.team)
        try:
            self.suggestions = buddies.suggest(blocker_id)
            chosen = buddies.chosen(blocker_id)
        except KeelError:
            self.hide()
            return False
        self.blocker_id, self.owner = blocker_id, owner
        if not self.suggestions:
            self.hide()
            return False
        if chosen is not None:
            text = _("Who could help {owner} now (buddy so far: {buddy}):").format(
                owner=owner, buddy=chosen.name
            )
        else:
            text = _("Who could help {owner} now:").format(owner=owner)
        self.label.setText(text)
        self.reasons.setText(
            "\n".join(f"{i + 1}. {s.sentence()}" for i, s in enumerate(self.suggestions[:3]))
        )
        for i, button in enumerate(self.buttons):
            if i < len(self.suggestions):
                s = self.suggestions[i]
                button.setText(f"{s.name} ({i + 1})")
                button.setToolTip(
                    _("{items} — Alt+{number} picks {s_name} as buddy").format(
                        items=", ".join(s.reasons), number=i + 1, s_name=s.name
                    )
                )
                button.setAccessibleDescription(", ".join(s.reasons))
                button.show()
            else:
                button.hide()
        self.show()
        return True

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
                    self.ctx,
                    "goals",
                    _("Pick {s_name} as {owner}'s buddy").format(s_name=s.name, owner=self.owner),
                    do,
                    undo,
                ),
            )
        except KeelError as exc:
            self.message.emit(str(exc))
            return
        self.hide()
        self.message.emit(
            _("{buddy} is {owner}'s buddy for this blocker: {reasons}.").format(
                buddy=s.name, owner=self.owner, reasons=", ".join(s.reasons)
            )
        )
