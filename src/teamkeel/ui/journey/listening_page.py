"""The listening round editor: fast answer entry (type, Enter, next), theme chips that
the lead corrects with a click, and the round's picture once it is large enough."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.core.journey import themes
from teamkeel.core.journey.listening import Answer, ListeningRound, Picture
from teamkeel.ui import theme as look
from teamkeel.ui.journey.edits import JourneyEdits

# From the palette: the chips read in a light and in a dark window alike.
CHIP_STYLE = (
    "QPushButton { border: 1px solid palette(mid); border-radius: 9px; padding: 1px 8px; "
    "color: palette(text); background: palette(base); }"
    "QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " border-color: palette(highlight); }"
)


class AnswerRow(QWidget):
    """One answer: its text, a chip per theme (checked = assigned) and a remove button."""

    def __init__(self, page: ListeningPage, answer: Answer, question: str):
        super().__init__()
        self.answer = answer
        text = QLabel(f"“{answer.text}”")
        text.setWordWrap(True)
        text.setToolTip(question)
        chips = QHBoxLayout()
        chips.setSpacing(4)
        self.chips: dict[str, QPushButton] = {}
        for theme in themes.themes():
            chip = QPushButton(theme.short_title)
            chip.setToolTip(theme.title)
            chip.setCheckable(True)
            chip.setChecked(theme.key in answer.themes)
            chip.setStyleSheet(CHIP_STYLE)
            chip.clicked.connect(lambda _=False, k=theme.key: page.toggle_theme(answer, k))
            chips.addWidget(chip)
            self.chips[theme.key] = chip
        chips.addStretch(1)
        remove = QPushButton(_("Remove"))
        remove.setFlat(True)
        remove.clicked.connect(lambda: page.remove_answer(answer))
        chips.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 8)
        layout.addWidget(text)
        layout.addLayout(chips)


class ListeningPage(QWidget):
    def __init__(self, edits: JourneyEdits):
        super().__init__()
        self.edits = edits
        self.rounds: list[ListeningRound] = []
        self.current: ListeningRound | None = None
        self.rows: list[AnswerRow] = []
        # Keep this order: the order widgets are made in is the tab order.
        top = self._build_round_bar()
        form = self._build_round_form()
        entry = self._build_answer_entry()
        scroll = self._build_answer_list()
        self._build_layout(top, form, entry, scroll)

    def _build_round_bar(self) -> QHBoxLayout:
        """Choose, start or delete a listening round."""
        self.round_choice = QComboBox()
        self.round_choice.setAccessibleName(_("Listening round"))
        self.round_choice.setObjectName("listening_rounds")
        self.round_choice.currentIndexChanged.connect(self._show_chosen)
        new_round = QPushButton(_("New round"))
        new_round.setObjectName("listening_new_round")
        new_round.clicked.connect(self.new_round)
        self.delete_round_button = QPushButton(_("Delete round"))
        self.delete_round_button.clicked.connect(self.delete_round)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Listening round")))
        top.addWidget(self.round_choice, 1)
        top.addWidget(new_round)
        top.addWidget(self.delete_round_button)
        return top

    def _build_round_form(self) -> QFormLayout:
        """The round's date and questions."""
        self.held_on = QDateEdit()
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.questions = QPlainTextEdit()
        self.questions.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.questions.setObjectName("listening_questions")
        self.questions.setFixedHeight(56)
        save = QPushButton(_("Save date and questions"))
        save.clicked.connect(self.save_round)
        form = QFormLayout()
        form.addRow(_("Held on"), self.held_on)
        form.addRow(_("Questions (one a line)"), self.questions)
        form.addRow("", save)
        return form

    def _build_answer_entry(self) -> QHBoxLayout:
        """The question and the field an answer is typed in (with its hint and problem
        lines, placed by the layout)."""
        self.question = QComboBox()
        self.question.setAccessibleName(_("Question answered"))
        self.question.setObjectName("listening_question")
        self.entry = QLineEdit()
        self.entry.setAccessibleName(_("New answer"))
        self.entry.setAccessibleDescription(_("One answer, without names; Enter adds it"))
        self.entry.setObjectName("listening_entry")
        self.entry.setPlaceholderText(_("Type one answer, without names, and press Enter"))
        self.entry.returnPressed.connect(self.add_typed)
        self.entry.textChanged.connect(self._suggest)
        self.suggestion = QLabel()
        self.suggestion.setObjectName("listening_suggestion")
        self.suggestion.setStyleSheet(look.MUTED_TEXT)
        self.problem = QLabel()
        self.problem.setObjectName("listening_problem")
        self.problem.setStyleSheet(look.ERROR_TEXT)
        entry = QHBoxLayout()
        entry.addWidget(self.question)
        entry.addWidget(self.entry, 1)
        return entry

    def _build_answer_list(self) -> QScrollArea:
        """The answers typed so far, one row each."""
        self.list_body = QWidget()
        self.list_layout = QVBoxLayout(self.list_body)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.list_body)
        return scroll

    def _build_layout(
        self, top: QHBoxLayout, form: QFormLayout, entry: QHBoxLayout, scroll: QScrollArea
    ) -> None:
        """The round bar over the entry side and the picture of the answers."""
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addLayout(entry)
        left_layout.addWidget(self.suggestion)
        left_layout.addWidget(self.problem)
        left_layout.addWidget(scroll, 1)
        self.picture_label = QLabel()
        self.picture_label.setObjectName("listening_picture")
        self.picture_label.setWordWrap(True)
        self.picture_label.setMinimumWidth(260)
        self.picture_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        right = QScrollArea()
        right.setWidgetResizable(True)
        right.setWidget(self.picture_label)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([620, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    # -- showing ---------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.current.id if self.current else None
        self.rounds = self.edits.service.rounds()
        self.round_choice.blockSignals(True)
        self.round_choice.clear()
        for r in self.rounds:
            self.round_choice.addItem(
                _("{held_on:%d %b %Y} · {count} answers").format(
                    held_on=r.held_on, count=len(r.answers)
                ),
                r.id,
            )
        ids = [r.id for r in self.rounds]
        index = ids.index(chosen) if chosen in ids else len(ids) - 1
        self.round_choice.setCurrentIndex(index)
        self.round_choice.blockSignals(False)
        self._show_chosen(index)

    def _show_chosen(self, index: int) -> None:
        self.current = self.rounds[index] if 0 <= index < len(self.rounds) else None
        enabled = self.current is not None
        for widget in (self.entry, self.question, self.held_on, self.questions):
            widget.setEnabled(enabled)
        self.delete_round_button.setEnabled(enabled)
        r = self.current
        if r is not None:
            self.held_on.setDate(QDate(r.held_on.year, r.held_on.month, r.held_on.day))
            self.questions.setPlainText("\n".join(r.questions))
            kept = self.question.currentIndex()
            self.question.clear()
            self.question.addItems([f"Q{i + 1}" for i in range(len(r.questions))])
            for i, q in enumerate(r.questions):
                self.question.setItemData(i, q, 3)  # tooltip role
            self.question.setCurrentIndex(max(0, min(kept, len(r.questions) - 1)))
        self._fill_answers()
        self._show_picture(self.edits.service.picture(r.id) if r and r.id else None)

    def _fill_answers(self) -> None:
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = []
        r = self.current
        if r is None:
            self.list_layout.addWidget(
                QLabel(_("No listening round yet: start one with New round."))
            )
        else:
            for answer in reversed(r.answers):  # the newest first, right under the entry
                row = AnswerRow(self, answer, r.questions[answer.question])
                self.rows.append(row)
                self.list_layout.addWidget(row)
        self.list_layout.addStretch(1)

    def _show_picture(self, picture: Picture | None) -> None:
        if picture is None:
            self.picture_label.setText("")
            return
        if not picture.shown:
            self.picture_label.setText(
                _(
                    "<b>The picture</b><p>Shown once at least {minimum} people have answered (now "
                    "{size}). With fewer, people could be recognised from what they said.</p>"
                ).format(minimum=picture.minimum, size=picture.size)
            )
            return
        rows = "".join(
            f"<tr><td>{c.title}</td><td align='right'><b>{c.answers}</b></td></tr>"
            for c in picture.counts
        )
        quotes = "".join(
            f"<p><i>“{q}”</i><br/><span style='{look.MUTED_TEXT}'>{c.title}</span></p>"
            for c in picture.counts
            if c.answers
            for q in c.quotes[:1]
        )
        self.picture_label.setText(
            _(
                "<b>The picture</b> (at least {size} "
                "people)<table>{rows}</table><p>{pattern}</p>{quotes}"
            ).format(size=picture.size, rows=rows, pattern=picture.pattern, quotes=quotes)
        )

    def _suggest(self, text: str) -> None:
        self.problem.clear()
        if text.strip():
            titles = ", ".join(themes.title(k) for k in themes.suggest(text))
            self.suggestion.setText(_("Keel suggests: {titles}").format(titles=titles))
        else:
            self.suggestion.clear()

    # -- editing (all through the tab's undo stack) ----------------------------------
    def new_round(self) -> None:
        self.current = None  # the reload then shows the newest round: this one
        self.edits.add_round(dt.date.today())

    def delete_round(self) -> None:
        if self.current is not None and self.current.id is not None:
            self.edits.delete_round(self.current)

    def save_round(self) -> None:
        r = self.current
        if r is None or r.id is None:
            return
        q = self.held_on.date()
        day = dt.date(q.year(), q.month(), q.day())
        questions = tuple(
            line for line in self.questions.toPlainText().splitlines() if line.strip()
        )
        self.edits.edit_round(r, day, questions, self._say)

    def add_typed(self) -> None:
        r = self.current
        if r is None or r.id is None:
            return
        answer = Answer(self.entry.text(), (), max(0, self.question.currentIndex()))
        if self.edits.add_answer(r.id, answer, self._say):
            self.entry.clear()
            self.entry.setFocus()

    def toggle_theme(self, answer: Answer, key: str) -> None:
        chosen = set(answer.themes) ^ {key}
        if not chosen:
            self._say(_("An answer keeps at least one theme; choose another first."))
            self.reload()
            return
        known = themes.keys()
        self.edits.set_themes(answer, tuple(k for k in known if k in chosen), self._say)

    def remove_answer(self, answer: Answer) -> None:
        if answer.id is not None:
            self.edits.remove_answer(answer)

    def _say(self, exc: KeelError | str) -> None:
        self.problem.setText(str(exc))
