"""Shown until the team starts its first compact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from teamkeel.core.i18n import _


class StartPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        text = QLabel(
            _(
                "<h2>Write your Team Support Compact</h2><p>The compact is the short agreement "
                "your team writes together at kickoff: why you support each other and the few "
                "concrete things each of you commits to. You print it, everyone signs it, and "
                "you revisit it every quarter.</p><p>Start from a handful of suggested "
                "commitments you can reword or drop, or from a blank page.</p>"
            )
        )
        text.setWordWrap(True)
        # A fixed width and the height it needs: centred word-wrapped labels otherwise
        # get squeezed and clip their last lines.
        text.setFixedWidth(560)
        text.setMinimumHeight(text.heightForWidth(560))
        layout.addWidget(text, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        self.start_button = QPushButton(_("Start with suggested commitments"))
        self.start_button.setObjectName("compact_start")
        self.blank_button = QPushButton(_("Start with a blank compact"))
        for button in (self.start_button, self.blank_button):
            button.setMaximumWidth(320)
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
