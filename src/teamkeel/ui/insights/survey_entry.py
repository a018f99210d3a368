"""Typing in a survey round: a date, a name, and one line of seven answers per respondent.

Nothing here knows who answered: there is no name field, by design.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import ValidationError
from teamkeel.core.i18n import N_, _
from teamkeel.core.insights.survey import ITEM_LABELS, parse_lines
from teamkeel.ui import theme
from teamkeel.ui.date_range import keep_in_range, pydate

HELP = N_(
    "One respondent per line: the seven answers from 1 (strongly disagree) to 7 (strongly "
    "agree), e.g. <tt>2 6 3 5 2 6 6</tt> or <tt>2635266</tt>. Enter answers as written on "
    "the sheet; items 1, 3 and 5 are reversed when scoring. Answers on the same date join "
    "one round."
)


class SurveyEntry(QWidget):
    submitted = Signal(object, str, object)  # date, label, list of answer tuples
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.date = QDateEdit()
        self.date.setObjectName("survey_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        keep_in_range(self.date)
        self.label = QLineEdit()
        self.label.setObjectName("survey_label")
        self.label.setPlaceholderText(_("e.g. Q3 check-in (optional)"))
        self.answers = QPlainTextEdit()
        self.answers.setAccessibleName(_("Survey answers"))
        self.answers.setAccessibleDescription(_("One answer a line"))
        self.answers.setObjectName("survey_answers")
        self.answers.setPlaceholderText("2 6 3 5 2 6 6\n1 7 2 6 1 7 7\n…")
        self.answers.setTabChangesFocus(True)
        items = QLabel("<br>".join(f"{i}. {t}" for i, t in enumerate(map(_, ITEM_LABELS), 1)))
        items.setObjectName("survey_items")
        items.setWordWrap(True)
        hint = QLabel(_(HELP))
        hint.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("survey_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.ERROR_TEXT)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A file with many bad lines lists them all: they scroll here, within the panel,
        # instead of pushing the buttons out of it.
        self.problem_box = QScrollArea()
        self.problem_box.setObjectName("survey_problem_box")
        self.problem_box.setWidgetResizable(True)
        self.problem_box.setFrameShape(QFrame.Shape.NoFrame)
        self.problem_box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem_box.setWidget(self.problem)
        self.problem_box.setMaximumHeight(6 * self.problem.fontMetrics().lineSpacing() + 8)
        self.problem_box.hide()
        self.save_button = QPushButton(_("Save responses"))
        self.save_button.setObjectName("survey_save")
        self.import_button = QPushButton(_("Import CSV…"))
        self.import_button.setToolTip(
            _("A form tool's export: one row per respondent, items 1–7 in columns 1–7")
        )

        form = QFormLayout()
        form.addRow(_("Round date"), self.date)
        form.addRow(_("Name"), self.label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(items)
        layout.addWidget(self.answers, 1)
        layout.addWidget(self.problem_box)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.submit)
        self.import_button.clicked.connect(self.import_requested)

    def held_on(self) -> dt.date:
        return pydate(self.date.date())

    def submit(self) -> None:
        try:
            responses = parse_lines(self.answers.toPlainText())
        except ValidationError as exc:
            self.show_problem(exc)
            return
        if not responses:
            self.set_problem(_("Answers: type at least one line of seven answers."))
            return
        self.set_problem("")
        self.submitted.emit(self.held_on(), self.label.text(), responses)

    def show_problem(self, exc: Exception) -> None:
        # The first problems and a count of the rest: a bad file never floods the panel.
        lines = exc.lines() if isinstance(exc, ValidationError) else [str(exc)]
        self.set_problem("\n".join(lines))

    def set_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem_box.setVisible(bool(text))
        self.problem_box.verticalScrollBar().setValue(0)

    def clear(self) -> None:
        self.answers.clear()
        self.set_problem("")
