"""The Journey's first page: the program start, the timeline, the checks with their
evidence and a button to the place where each is done, and next steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.i18n import _
from teamkeel.core.journey.checks import DONE, LATER, Check, Journey, phase_heading
from teamkeel.ui import theme
from teamkeel.ui.journey.timeline import Timeline

MARKS = {DONE: "✓", LATER: "·"}


class Overview(QWidget):
    def __init__(
        self,
        go_to: Callable[[Check], None],
        set_start: Callable[[dt.date], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.go_to = go_to
        self.set_start = set_start
        self.start = QDateEdit()
        self.start.setAccessibleName(_("Program starts"))
        self.start.setObjectName("journey_start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start_button = QPushButton(_("Set start date"))
        self.start_button.setObjectName("journey_set_start")
        self.start_button.clicked.connect(self._set_start)
        self.start_note = QLabel()
        head = QHBoxLayout()
        head.addWidget(QLabel(_("Program starts")))
        head.addWidget(self.start)
        head.addWidget(self.start_button)
        head.addWidget(self.start_note, 1)
        self.timeline = Timeline()
        self.next_steps = QLabel()
        self.next_steps.setObjectName("journey_next_steps")
        self.next_steps.setWordWrap(True)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.timeline)
        layout.addWidget(self.next_steps)
        layout.addWidget(scroll, 1)
        self.buttons: dict[str, QPushButton] = {}
        self.evidence: dict[str, QLabel] = {}

    def _set_start(self) -> None:
        q = self.start.date()
        self.set_start(dt.date(q.year(), q.month(), q.day()))

    def show_journey(self, journey: Journey) -> None:
        start = journey.program_start or journey.today
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.start_note.setText(
            ""
            if journey.program_start
            else _("Not set yet: the rollout plan in the Calendar sets it too.")
        )
        self.timeline.show_journey(journey)
        steps = "".join(f"<li>{s}</li>" for s in journey.next_steps)
        heading = _("Next steps")
        self.next_steps.setText(f"<b>{heading}</b><ul>{steps}</ul>" if steps else "")
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons.clear()
        self.evidence.clear()
        for phase in journey.phases:
            box = QGroupBox(phase_heading(phase))
            grid = QGridLayout(box)
            grid.setColumnStretch(2, 1)
            for row, check in enumerate(phase.checks):
                mark = QLabel(MARKS.get(check.status, "○"))
                colours = {DONE: theme.ACCENT, LATER: theme.MUTED}
                mark.setStyleSheet(
                    f"color: {colours.get(check.status, theme.ERROR)}; font-weight: bold;"
                )
                evidence = QLabel(check.evidence)
                evidence.setObjectName(f"journey_evidence_{check.key}")
                evidence.setWordWrap(True)
                evidence.setStyleSheet(theme.MUTED_TEXT)
                button = QPushButton(_("Go there"))
                button.setObjectName(f"journey_go_{check.key}")
                button.clicked.connect(lambda _=False, c=check: self.go_to(c))
                grid.addWidget(mark, row, 0)
                title = QLabel(check.title)
                title.setMinimumWidth(360)  # the evidence lines up across phases
                grid.addWidget(title, row, 1)
                grid.addWidget(evidence, row, 2)
                grid.addWidget(button, row, 3)
                self.buttons[check.key] = button
                self.evidence[check.key] = evidence
            self.body_layout.addWidget(box)
        self.body_layout.addStretch(1)
