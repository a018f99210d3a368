"""Ask for the program's start date and meeting timezone, then generate the plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.calendar.rollout import PLAN_SUMMARY
from teamkeel.core.errors import KeelError
from teamkeel.ui.calendar.editor import _ZONES


class RolloutDialog(QDialog):
    def __init__(
        self,
        timezone: str,
        on_generate: Callable[[dt.date, str], None],
        parent: QWidget | None = None,
        program_start: dt.date | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("rollout_dialog")
        self.setWindowTitle("Generate rollout plan")
        self.on_generate = on_generate
        self.start = QDateEdit(QDate.currentDate())
        if program_start is not None:  # set earlier (the Journey): the same one value
            self.start.setDate(QDate(program_start.year, program_start.month, program_start.day))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(_ZONES)
        self.timezone.setCurrentText(timezone)
        explain = QLabel(
            "Keel adds these rituals; afterwards they are ordinary rituals you can edit "
            "or delete (and Ctrl+Z removes them all at once).\n\n• " + "\n• ".join(PLAN_SUMMARY)
        )
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Program starts (first Monday on or after)", self.start)
        form.addRow("Meeting timezone", self.timezone)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Generate")
        buttons.accepted.connect(self._generate)
        buttons.rejected.connect(self.reject)
        # The timezone is free text: a zone Keel does not know is refused here, in place.
        self.problem = QLabel()
        self.problem.setObjectName("rollout_problem")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _generate(self) -> None:
        q = self.start.date()
        self.problem.clear()
        try:
            self.on_generate(
                dt.date(q.year(), q.month(), q.day()), self.timezone.currentText().strip()
            )
        except KeelError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()
