"""A banner that tells the lead what to do first on an empty tab ("Add people first"),
with a button for each way to do it.

On the window's first-frame path (the roster uses it): no ``QtCore.Qt`` here (see
teamkeel.ui.rows_model).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from teamkeel.core.i18n import _
from teamkeel.core.roster.reader import RosterReader
from teamkeel.ui import theme
from teamkeel.ui.context import AppContext


class FirstStep(QFrame):
    """Hidden until ``show_step`` gives it a text and buttons; ``clear`` hides it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("first_step")
        # As tall as its text and buttons: beside a splitter it would otherwise take a
        # share of the tab's spare height (a banner a third of the window high).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.buttons: list[QPushButton] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self._layout.addWidget(self.label, 1)
        self._shown: tuple[str, tuple[str, ...]] | None = None
        self.hide()

    def show_step(self, text: str, actions: list[tuple[str, Callable[[], object]]]) -> None:
        """Say what to do first, with a button for each (label, action)."""
        wanted = (text, tuple(label for label, _ in actions))
        if not self.styleSheet():  # styled when first needed: most files never show it
            background, ink, border = theme.INFO
            self.setStyleSheet(
                f"QFrame#first_step {{ background: {background}; border: 1px solid {border};"
                f" border-radius: 4px; }} QFrame#first_step QLabel {{ color: {ink}; }}"
            )
        if self._shown != wanted:  # reloads repeat the same step: keep the buttons
            self._shown = wanted
            self.label.setText(text)
            for button in self.buttons:
                button.deleteLater()
            self.buttons = []
            for label, action in actions:
                button = QPushButton(label)
                button.clicked.connect(lambda _=False, act=action: act())  # not `checked`
                self._layout.addWidget(button)
                self.buttons.append(button)
        self.show()

    def clear(self) -> None:
        self.hide()

    def showing(self) -> bool:
        """Whether a step is shown (on this tab, even while the tab itself is hidden)."""
        return not self.isHidden()


def ask_for_people(step: FirstStep, ctx: AppContext, why: str) -> bool:
    """Show "Add people first" (and the way to the Roster) while nobody active is on
    the team; True if shown."""
    if RosterReader(ctx.team).anyone_active():
        step.clear()
        return False
    step.show_step(
        _("<b>Add people first.</b> {why}").format(why=why),
        [(_("Go to the Roster"), lambda: ctx.show_tab.emit("roster"))],
    )
    return True
