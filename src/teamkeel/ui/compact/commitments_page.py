"""The Commitments section: title, purpose, the ordered commitments and the review.

Layout and display only; the tab turns what the lead does here into undoable edits.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.compact.document import CADENCES, MAX_PURPOSE, Compact
from teamkeel.core.errors import Problem
from teamkeel.core.i18n import _, ngettext
from teamkeel.ui import theme
from teamkeel.ui.compact.commitments_model import (
    NORM,
    NUMBER,
    STATEMENT,
    THEME,
    UNIT,
    CommitmentProxy,
    CommitmentTableModel,
)
from teamkeel.ui.compact.delegates import ThemeDelegate
from teamkeel.ui.date_range import keep_in_range, pydate, qdate

# The date edit's minimum stands for "not chosen": one cadence after ratifying.
NO_DATE = QDate(2000, 1, 1)


class CommitmentsPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.read_only_note = QLabel()
        self.read_only_note.setObjectName("compact_read_only")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet(theme.box(theme.NOTE))
        self.read_only_note.setMargin(6)
        self.read_only_note.hide()
        self.back_to_draft = QPushButton(_("Back to the draft"))
        self.back_to_draft.hide()

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("compact_title")
        self.title_edit.setStyleSheet(theme.HEADING)
        self.purpose_edit = QPlainTextEdit()
        self.purpose_edit.setAccessibleName(_("Purpose"))
        self.purpose_edit.setObjectName("compact_purpose")
        self.purpose_edit.setPlaceholderText(
            _("Why this team supports each other, in a sentence or three")
        )
        self.purpose_edit.setTabChangesFocus(True)
        self.purpose_edit.setMaximumHeight(84)
        self.purpose_count = QLabel()
        self.purpose_count.setStyleSheet(theme.MUTED_TEXT)

        self.model = CommitmentTableModel()
        self.proxy = CommitmentProxy()
        self.proxy.setSourceModel(self.model)
        self.table = self._build_table()
        self._column = STATEMENT  # the column select_row puts the current cell in

        self.add_button = QPushButton(_("Add"))
        self.add_button.setToolTip(_("Add a commitment below the selected one (Ctrl+Shift+A)"))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Remove the selected commitment (Delete)"))
        self.up_button = QPushButton(_("Move up"))
        self.up_button.setToolTip(_("Move the selected commitment up (Ctrl+Up); or drag it"))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.setToolTip(_("Move the selected commitment down (Ctrl+Down); or drag it"))
        self.count_label = QLabel()
        self.count_label.setStyleSheet(theme.MUTED_TEXT)
        self.count_label.setWordWrap(True)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("compact_problem")
        self.problem_label.setStyleSheet(theme.STRONG_ERROR_TEXT)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()

        self.cadence_combo = QComboBox()
        self.cadence_combo.setAccessibleName(_("Review cadence"))
        self.cadence_combo.setObjectName("compact_cadence")
        for cadence in CADENCES:  # shown translated, stored as the key
            self.cadence_combo.addItem(_(cadence), cadence)
        self.next_review_edit = QDateEdit()
        self.next_review_edit.setAccessibleName(_("Next review on"))
        self.next_review_edit.setObjectName("compact_next_review")
        self.next_review_edit.setCalendarPopup(True)
        self.next_review_edit.setDisplayFormat("dd MMM yyyy")
        self.next_review_edit.setMinimumDate(NO_DATE)
        keep_in_range(self.next_review_edit)
        self.next_review_edit.setSpecialValueText(_("one cadence after ratifying"))
        self._lay_out()

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("compact_commitments")
        table.setModel(self.proxy)
        table.setItemDelegate(ThemeDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDragEnabled(True)
        table.setDropIndicatorShown(True)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = table.horizontalHeader()
        header.setSectionResizeMode(STATEMENT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((NUMBER, 34), (NORM, 56), (UNIT, 150), (THEME, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        table.setAccessibleName(_("Commitments"))
        return table

    def _lay_out(self) -> None:
        note_row = QHBoxLayout()
        note_row.addWidget(self.read_only_note, 1)
        note_row.addWidget(self.back_to_draft)

        form = QFormLayout()
        form.addRow(_("Title"), self.title_edit)
        purpose_box = QVBoxLayout()
        purpose_box.addWidget(self.purpose_edit)
        purpose_box.addWidget(self.purpose_count, alignment=Qt.AlignmentFlag.AlignRight)
        form.addRow(_("Purpose"), purpose_box)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        # Takes the room the buttons leave and wraps when that is short (German buttons
        # are long): the count and the page note are never cut.
        buttons.addWidget(self.count_label, 1)

        review = QHBoxLayout()
        review.addWidget(QLabel(_("Review")))
        review.addWidget(self.cadence_combo)
        review.addSpacing(12)
        review.addWidget(QLabel(_("next on")))
        review.addWidget(self.next_review_edit)
        review.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(note_row)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problem_label)
        layout.addLayout(review)

    # -- showing ---------------------------------------------------------------------
    def show_compact(self, shown: Compact, has_draft: bool) -> None:
        """Fill every field from ``shown``; a ratified version is shown read-only."""
        editable = shown.is_draft
        # Compare cleaned text so a reload never eats the space the lead just typed; and
        # text typed but not saved yet (the tab clears the flags when it saves) stays, so
        # a reload for a change made elsewhere never eats what the lead is typing.
        typing_title = editable and self.title_edit.isModified()
        if not typing_title and " ".join(self.title_edit.text().split()) != shown.title:
            self.title_edit.setText(shown.title)
        typing_purpose = editable and self.purpose_edit.document().isModified()
        if not typing_purpose and self.purpose_edit.toPlainText().strip() != shown.purpose:
            self.purpose_edit.setPlainText(shown.purpose)
        self.update_purpose_count()
        self.cadence_combo.setCurrentIndex(
            max(self.cadence_combo.findData(shown.review_cadence), 0)
        )
        self.next_review_edit.setDate(qdate(shown.next_review) if shown.next_review else NO_DATE)
        for field in (self.title_edit, self.purpose_edit):
            field.setReadOnly(not editable)
        for widget in (
            self.cadence_combo,
            self.next_review_edit,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            widget.setEnabled(editable)
        # An edit reloads the table; the view then moves on from the cell it was in (Tab
        # after the norm goes to the unit), so keep that column for select_row.
        current = self.table.currentIndex()
        self._column = current.column() if current.isValid() else STATEMENT
        self.model.set_commitments(shown.commitments, read_only=not editable)
        self.table.setDragEnabled(editable)
        if not editable and shown.ratified_on:
            self.read_only_note.setText(
                _(
                    "{label} was ratified on {ratified_on:%d %b %Y} and cannot change. Edit the "
                    "draft to propose changes for the next version."
                ).format(label=shown.label, ratified_on=shown.ratified_on)
            )
        self.read_only_note.setVisible(not editable)
        self.back_to_draft.setVisible(not editable)
        self.back_to_draft.setText(_("Back to the draft") if has_draft else _("Start a new draft"))
        self.hide_problem()

    def show_page_count(self, commitments: int, pages: int) -> None:
        text = ngettext("{count} commitment", "{count} commitments", commitments).format(
            count=commitments
        )
        if commitments:
            text += (
                _(" · fits one page")
                if pages <= 1
                else _(" · prints on {count} pages").format(count=pages)
            )
        self.count_label.setText(text)

    def update_purpose_count(self) -> None:
        length = len(self.purpose_edit.toPlainText().strip())
        self.purpose_count.setText(f"{length} / {MAX_PURPOSE}")
        too_long = length > MAX_PURPOSE
        self.purpose_count.setStyleSheet(theme.STRONG_ERROR_TEXT if too_long else theme.MUTED_TEXT)

    def show_problem(self, problem: Problem) -> None:
        """Say what is wrong under the table, and outline the field when it is one."""
        self.problem_label.setText(str(problem))
        self.problem_label.show()
        for field, name in ((self.title_edit, "title"), (self.purpose_edit, "purpose")):
            if problem.where == name:
                theme.mark_field(field, True)
                field.setToolTip(problem.message)

    def hide_problem(self) -> None:
        self.problem_label.hide()
        self.problem_label.clear()
        for field in (self.title_edit, self.purpose_edit):
            theme.mark_field(field, False)
            field.setToolTip("")

    # -- reading what the lead chose -------------------------------------------------
    def next_review(self) -> dt.date | None:
        date = self.next_review_edit.date()
        return None if date == NO_DATE else pydate(date)

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else None

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.proxy.mapFromSource(self.model.index(row, self._column))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def edit_statement(self, row: int) -> None:
        """Open the statement of ``row`` for typing."""
        self.table.setFocus()
        self.table.edit(self.proxy.mapFromSource(self.model.index(row, STATEMENT)))
