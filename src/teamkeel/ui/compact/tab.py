"""The Compact tab: edit the draft, collect signatures, ratify, browse history, print.

Left, the editor in three sections (commitments, signatories, history); right, the
printed page as it will come out of the printer. Every edit is one undoable command
that saves the whole draft (``CompactService.save_draft``); the tab then reloads from
the service, so what is shown is always what is stored.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QDate, QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
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
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.compact import CompactService, diff, versioning
from teamkeel.core.compact.document import CADENCES, MAX_PURPOSE, THEMES, Commitment, Compact
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.roster import RosterService
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.compact.commitments_model import (
    NORM,
    NUMBER,
    STATEMENT,
    THEME,
    UNIT,
    CommitmentProxy,
    CommitmentTableModel,
)
from teamkeel.ui.compact.diff_view import diff_html
from teamkeel.ui.compact.history_model import HistoryProxy, HistoryTableModel
from teamkeel.ui.compact.preview import PagePreview
from teamkeel.ui.compact.signatures_model import (
    MEMBER,
    SIGNED_ON,
    SignatureProxy,
    SignatureTableModel,
)
from teamkeel.ui.context import AppContext
from teamkeel.ui.undo import ServiceCommand, push

NEW_STATEMENT = "Describe what we will do for each other"
PROBLEM_STYLE = "color: #9B1C1C; font-weight: 600;"
FIELD_ERROR = "border: 1.5px solid #C53030; border-radius: 3px;"
BANNERS = {
    "overdue": "background:#FDE2E1; color:#7F1D1D; border:1px solid #F5B5B2;",
    "due": "background:#FEF3C7; color:#713F12; border:1px solid #F6D98B;",
    "scheduled": "background:#E6F2EF; color:#134E4A; border:1px solid #BFDDD6;",
    "none": "background:#EEF0F2; color:#374151; border:1px solid #D5DBE0;",
}


class ThemeDelegate(QStyledItemDelegate):
    """Themes are picked from the usual four, or typed."""

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:  # noqa: N802
        if index.column() != THEME:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        box.setEditable(True)
        box.addItems(list(THEMES))
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class DateDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("dd MMM yyyy")
        editor.setMaximumDate(QDate.currentDate())
        return editor


class CompactTab(BaseTab):
    key = "compact"
    title = "Compact"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = CompactService(ctx.team)
        self.roster = RosterService(ctx.team)
        self.draft: Compact | None = None
        self.versions: list[Compact] = []
        self.viewing: int | None = None  # a ratified version's number, or None: the draft
        self._select_after_reload: int | None = None
        self._loading = False

        self.banner = QLabel()
        self.banner.setObjectName("compact_review")
        self.banner.setWordWrap(True)
        self.banner.setMargin(8)
        self.version_combo = QComboBox()
        self.version_combo.setObjectName("compact_version")
        self.version_combo.setToolTip("Show the draft, or open a ratified version read-only")
        self.ratify_button = QPushButton("Ratify…")
        self.ratify_button.setObjectName("compact_ratify")
        self.ratify_button.setToolTip("Freeze this draft as the next version, with its signatures")
        self.export_button = QPushButton("Export PDF…")
        self.export_button.setToolTip("Save the page shown in the preview as a PDF")
        self.page_size = QComboBox()
        self.page_size.addItems(["A4", "Letter"])
        self.page_size.setToolTip("Paper size for the preview and the PDF")

        top = QHBoxLayout()
        top.addWidget(QLabel("Showing"))
        top.addWidget(self.version_combo, 2)
        top.addWidget(self.ratify_button)
        top.addStretch(1)
        top.addWidget(QLabel("Paper"))
        top.addWidget(self.page_size)
        top.addWidget(self.export_button)

        self.sections = QTabWidget()
        self.sections.setObjectName("compact_sections")
        self.sections.addTab(self._build_commitments_page(), "Commitments")
        self.sections.addTab(self._build_signatures_page(), "Signatories")
        self.sections.addTab(self._build_history_page(), "History")

        self.preview = PagePreview()
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(150)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sections)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 480])

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.banner)
        editor_layout.addLayout(top)
        editor_layout.addWidget(self.splitter, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_start_page())
        self.pages.addWidget(editor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self.purpose_timer = QTimer(self)
        self.purpose_timer.setSingleShot(True)
        self.purpose_timer.setInterval(700)

        self._export_action = QAction("&Compact as PDF…", self)
        self._export_action.setObjectName("export_compact_pdf")
        self._connect()
        self.purpose_edit.installEventFilter(self)
        self.reload()

    # -- layout ----------------------------------------------------------------------
    def _build_start_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        text = QLabel(
            "<h2>Write your Team Support Compact</h2>"
            "<p>The compact is the short agreement your team writes together at kickoff: "
            "why you support each other and the few concrete things each of you commits "
            "to. You print it, everyone signs it, and you revisit it every quarter.</p>"
            "<p>Start from a handful of suggested commitments you can reword or drop, "
            "or from a blank page.</p>"
        )
        text.setWordWrap(True)
        # A fixed width and the height it needs: centred word-wrapped labels otherwise
        # get squeezed and clip their last lines.
        text.setFixedWidth(560)
        text.setMinimumHeight(text.heightForWidth(560))
        layout.addWidget(text, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        self.start_button = QPushButton("Start with suggested commitments")
        self.start_button.setObjectName("compact_start")
        self.start_blank_button = QPushButton("Start with a blank compact")
        for button in (self.start_button, self.start_blank_button):
            button.setMaximumWidth(320)
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _build_commitments_page(self) -> QWidget:
        page = QWidget()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("compact_title")
        self.title_edit.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.purpose_edit = QPlainTextEdit()
        self.purpose_edit.setObjectName("compact_purpose")
        self.purpose_edit.setPlaceholderText(
            "Why this team supports each other, in a sentence or three"
        )
        self.purpose_edit.setTabChangesFocus(True)
        self.purpose_edit.setMaximumHeight(84)
        self.purpose_count = QLabel()
        self.purpose_count.setStyleSheet("color: #5B6573;")

        self.model = CommitmentTableModel()
        self.proxy = CommitmentProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("compact_commitments")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(ThemeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(STATEMENT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((NUMBER, 34), (NORM, 56), (UNIT, 150), (THEME, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.setAccessibleName("Commitments")

        self.add_button = QPushButton("Add")
        self.add_button.setToolTip("Add a commitment below the selected one (Ctrl+Shift+A)")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected commitment (Delete)")
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Move the selected commitment up (Ctrl+Up); or drag it")
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Move the selected commitment down (Ctrl+Down); or drag it")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #5B6573;")
        buttons.addWidget(self.count_label)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("compact_problem")
        self.problem_label.setStyleSheet(PROBLEM_STYLE)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()

        self.cadence_combo = QComboBox()
        self.cadence_combo.setObjectName("compact_cadence")
        self.cadence_combo.addItems(list(CADENCES))
        self.next_review_edit = QDateEdit()
        self.next_review_edit.setObjectName("compact_next_review")
        self.next_review_edit.setCalendarPopup(True)
        self.next_review_edit.setDisplayFormat("dd MMM yyyy")
        # The minimum date stands for "not chosen": one cadence after ratifying.
        self.next_review_edit.setMinimumDate(QDate(2000, 1, 1))
        self.next_review_edit.setSpecialValueText("one cadence after ratifying")
        review = QHBoxLayout()
        review.addWidget(QLabel("Review"))
        review.addWidget(self.cadence_combo)
        review.addSpacing(12)
        review.addWidget(QLabel("next on"))
        review.addWidget(self.next_review_edit)
        review.addStretch(1)

        form = QFormLayout()
        form.addRow("Title", self.title_edit)
        purpose_box = QVBoxLayout()
        purpose_box.addWidget(self.purpose_edit)
        purpose_box.addWidget(self.purpose_count, alignment=Qt.AlignmentFlag.AlignRight)
        form.addRow("Purpose", purpose_box)

        self.read_only_note = QLabel()
        self.read_only_note.setObjectName("compact_read_only")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet(
            "background:#EEF0F2; color:#374151; border:1px solid #D5DBE0; border-radius:4px;"
        )
        self.read_only_note.setMargin(6)
        self.read_only_note.hide()
        self.back_to_draft = QPushButton("Back to the draft")
        self.back_to_draft.hide()
        note_row = QHBoxLayout()
        note_row.addWidget(self.read_only_note, 1)
        note_row.addWidget(self.back_to_draft)

        layout = QVBoxLayout(page)
        layout.addLayout(note_row)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problem_label)
        layout.addLayout(review)
        return page

    def _build_signatures_page(self) -> QWidget:
        page = QWidget()
        self.signature_model = SignatureTableModel()
        self.signature_proxy = SignatureProxy()
        self.signature_proxy.setSourceModel(self.signature_model)
        self.signature_table = QTableView()
        self.signature_table.setObjectName("compact_signatures")
        self.signature_table.setModel(self.signature_proxy)
        self.signature_table.setItemDelegateForColumn(SIGNED_ON, DateDelegate(self.signature_table))
        self.signature_table.setSortingEnabled(True)
        self.signature_table.sortByColumn(MEMBER, Qt.SortOrder.AscendingOrder)
        self.signature_table.verticalHeader().hide()
        self.signature_table.setAlternatingRowColors(True)
        self.signature_table.horizontalHeader().setSectionResizeMode(
            MEMBER, QHeaderView.ResizeMode.Stretch
        )
        self.signature_hint = QLabel()
        self.signature_hint.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.signature_hint)
        layout.addWidget(self.signature_table, 1)
        return page

    def _build_history_page(self) -> QWidget:
        page = QWidget()
        self.history_model = HistoryTableModel()
        self.history_proxy = HistoryProxy()
        self.history_proxy.setSourceModel(self.history_model)
        self.history_table = QTableView()
        self.history_table.setObjectName("compact_history")
        self.history_table.setModel(self.history_proxy)
        self.history_table.setSortingEnabled(True)
        self.history_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.verticalHeader().hide()
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.open_version_button = QPushButton("Open read-only")
        self.open_version_button.setToolTip("Show the selected version (or double-click it)")
        self.compare_from = QComboBox()
        self.compare_from.setObjectName("compact_compare_from")
        self.compare_to = QComboBox()
        self.compare_to.setObjectName("compact_compare_to")
        compare = QHBoxLayout()
        compare.addWidget(self.open_version_button)
        compare.addStretch(1)
        compare.addWidget(QLabel("Compare"))
        compare.addWidget(self.compare_from)
        compare.addWidget(QLabel("with"))
        compare.addWidget(self.compare_to)
        self.diff_view = QTextBrowser()
        self.diff_view.setObjectName("compact_diff")
        self.diff_view.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.history_table)
        splitter.addWidget(self.diff_view)
        splitter.setSizes([160, 320])
        layout = QVBoxLayout(page)
        layout.addLayout(compare)
        layout.addWidget(splitter, 1)
        return page

    def _connect(self) -> None:
        self.track(self.ctx.changed, self._on_changed)
        self.track(self.start_button.clicked, lambda: self.start(with_starters=True))
        self.track(self.start_blank_button.clicked, lambda: self.start(with_starters=False))
        self.track(self.version_combo.currentIndexChanged, self._on_version_chosen)
        self.track(self.ratify_button.clicked, self.ratify)
        self.track(self.export_button.clicked, self.choose_export)
        self.track(self._export_action.triggered, self.choose_export)
        self.track(self.page_size.currentIndexChanged, lambda _: self.schedule_preview())
        self.track(self.preview_timer.timeout, self.refresh_preview)
        self.track(self.title_edit.editingFinished, self._on_title)
        self.track(self.purpose_edit.textChanged, self._on_purpose_typed)
        self.track(self.purpose_timer.timeout, self.commit_purpose)
        self.track(self.cadence_combo.currentIndexChanged, lambda _: self._on_review())
        self.track(self.next_review_edit.dateChanged, lambda _: self._on_review())
        self.track(self.add_button.clicked, self.add_commitment)
        self.track(self.remove_button.clicked, self.remove_commitment)
        self.track(self.up_button.clicked, lambda: self.move_commitment(-1))
        self.track(self.down_button.clicked, lambda: self.move_commitment(1))
        self.track(self.history_table.doubleClicked, lambda _: self.open_selected_version())
        self.track(self.open_version_button.clicked, self.open_selected_version)
        self.track(self.back_to_draft.clicked, self._back_to_draft)
        self.track(self.compare_from.currentIndexChanged, lambda _: self.show_diff())
        self.track(self.compare_to.currentIndexChanged, lambda _: self.show_diff())
        self.model.on_edit = self._on_cell_edited
        self.model.on_move = self._on_dropped
        self.model.on_refused = self.show_problem
        self.signature_model.on_change = self._on_signatures

        def shortcut(keys: str | QKeySequence, widget: QWidget, slot: Any) -> None:
            sc = QShortcut(QKeySequence(keys), widget)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.track(sc.activated, slot)

        shortcut("Ctrl+Up", self.table, lambda: self.move_commitment(-1))
        shortcut("Ctrl+Down", self.table, lambda: self.move_commitment(1))
        shortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_commitment)
        shortcut("Ctrl+Shift+A", self, self.add_commitment)

    # -- reading ---------------------------------------------------------------------
    @property
    def shown(self) -> Compact | None:
        """The compact on screen: the draft, or the ratified version being viewed."""
        if self.viewing is not None:
            return next((v for v in self.versions if v.number == self.viewing), None)
        return self.draft

    def reload(self) -> None:
        self._loading = True
        try:
            self.draft = self.service.draft()
            self.versions = self.service.versions()
            if self.viewing is not None and not any(
                v.number == self.viewing for v in self.versions
            ):
                self.viewing = None
            if self.draft is None and not self.versions:
                self.pages.setCurrentIndex(0)
                self._export_action.setEnabled(False)
                return
            self.pages.setCurrentIndex(1)
            self._export_action.setEnabled(True)
            self._fill_version_combo()
            self._fill_editor()
            self._fill_history()
            self._update_banner()
        finally:
            self._loading = False
        self._restore_selection()
        # Straight away, not debounced: reloads follow whole edits, not keystrokes.
        self.refresh_preview()

    def _fill_version_combo(self) -> None:
        self.version_combo.clear()
        if self.draft is not None:
            self.version_combo.addItem("Draft — being edited", None)
        for v in reversed(self.versions):
            self.version_combo.addItem(
                f"Version {v.number} — ratified {v.ratified_on:%d %b %Y} (read-only)", v.number
            )
        index = self.version_combo.findData(self.viewing)
        self.version_combo.setCurrentIndex(max(index, 0))
        self.viewing = self.version_combo.currentData()

    def _fill_editor(self) -> None:
        shown = self.shown
        assert shown is not None
        editable = shown.is_draft
        # Compare cleaned text so a reload never eats the space the lead just typed.
        if " ".join(self.title_edit.text().split()) != shown.title:
            self.title_edit.setText(shown.title)
        if self.purpose_edit.toPlainText().strip() != shown.purpose:
            self.purpose_edit.setPlainText(shown.purpose)
        self._update_purpose_count()
        self.cadence_combo.setCurrentText(shown.review_cadence)
        self.next_review_edit.setDate(
            QDate(shown.next_review) if shown.next_review else self.next_review_edit.minimumDate()
        )
        for widget in (self.title_edit, self.purpose_edit):
            widget.setReadOnly(not editable)
            widget.setStyleSheet(widget.styleSheet().replace(FIELD_ERROR, ""))
        for widget in (
            self.cadence_combo,
            self.next_review_edit,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.ratify_button,
        ):
            widget.setEnabled(editable)
        self.model.set_commitments(shown.commitments, read_only=not editable)
        if not editable:
            self.read_only_note.setText(
                f"{shown.label} was ratified on {shown.ratified_on:%d %b %Y} and cannot change. "
                "Edit the draft to propose changes for the next version."
            )
        self.read_only_note.setVisible(not editable)
        self.back_to_draft.setVisible(not editable)
        self.back_to_draft.setText("Back to the draft" if self.draft else "Start a new draft")
        self.table.setDragEnabled(editable)
        count = len(shown.commitments)
        fits = "fits one page" if self.preview.page_count <= 1 else "flows onto a second page"
        self.count_label.setText(
            f"{count} commitment{'s' if count != 1 else ''}" + (f" · {fits}" if count else "")
        )
        self.signature_model.set_contents(shown, self.roster.list_members(include_archived=True))
        signed = self.signature_model.signed_count()
        if editable:
            self.signature_hint.setText(
                f"Tick each member who agreed to this draft ({signed} so far). Ticking uses "
                "today's date; double-click a date to change it. Signatures are frozen "
                "with the version when you ratify."
            )
        else:
            self.signature_hint.setText(
                f"{shown.label} was signed by {signed} member{'s' if signed != 1 else ''}."
            )
        self.signature_table.setEnabled(True)
        self.hide_problem()

    def _fill_history(self) -> None:
        self.history_model.set_versions(self.versions)
        choices = [(v.label, v.number) for v in self.versions]
        if self.draft is not None:
            choices.append(("Draft", None))
        for combo, default in (
            (self.compare_from, len(choices) - 2),
            (self.compare_to, len(choices) - 1),
        ):
            previous = combo.currentData() if combo.count() else "unset"
            combo.blockSignals(True)
            combo.clear()
            for label, number in choices:
                combo.addItem(label, number)
            index = combo.findData(previous) if previous != "unset" else -1
            combo.setCurrentIndex(index if index >= 0 else max(default, 0))
            combo.blockSignals(False)
        self.show_diff()

    def _update_banner(self) -> None:
        status = self.service.review_status()
        if not self.versions:
            text = "Not ratified yet: print the draft, collect signatures, then ratify it."
            state = "none"
        else:
            text = status.message
            if status.state == "overdue":
                text += " Book a check-in with the team to revisit the compact."
            elif status.state == "due":
                text += " Time to plan the check-in."
            state = status.state
        self.banner.setText(text)
        self.banner.setProperty("state", state)
        self.banner.setStyleSheet(
            f"QLabel#compact_review {{ {BANNERS[state]} border-radius: 4px; }}"
        )

    def show_diff(self) -> None:
        if self.compare_from.count() < 2:
            self.diff_view.setHtml(
                "<p>Once there are two versions (a ratified one and the draft, or two "
                "ratified ones), pick them above to see what changed.</p>"
            )
            return
        old = self._compact_for(self.compare_from.currentData())
        new = self._compact_for(self.compare_to.currentData())
        if old is None or new is None:
            return
        self.diff_view.setHtml(diff_html(diff(old, new)))

    def _compact_for(self, number: int | None) -> Compact | None:
        if number is None:
            return self.draft
        return next((v for v in self.versions if v.number == number), None)

    # -- preview and export ----------------------------------------------------------
    def schedule_preview(self) -> None:
        self.preview_timer.start()

    def pdf_bytes(self) -> bytes:
        shown = self.shown
        if shown is None:
            return b""
        buffer = io.BytesIO()
        self.service.export_pdf(buffer, page_size=self.page_size.currentText(), compact=shown)
        return buffer.getvalue()

    def refresh_preview(self) -> None:
        self.preview.show_pdf(self.pdf_bytes())
        shown = self.shown
        if shown is not None and shown.commitments:
            count = len(shown.commitments)
            pages = self.preview.page_count
            fits = "fits one page" if pages <= 1 else f"prints on {pages} pages"
            self.count_label.setText(f"{count} commitment{'s' if count != 1 else ''} · {fits}")

    def export_actions(self) -> list[QAction]:
        return [self._export_action]

    def choose_export(self) -> None:
        shown = self.shown
        if shown is None:
            return
        suffix = "draft" if shown.is_draft else f"v{shown.number}"
        self.ctx.prompts.save_file(
            "Export compact as PDF",
            "PDF files (*.pdf)",
            self.export_to,
            f"team-support-compact-{suffix}.pdf",
        )

    def export_to(self, path: str) -> None:
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            pages = self.service.export_pdf(
                target, page_size=self.page_size.currentText(), compact=self.shown
            )
        except (KeelError, OSError) as exc:
            self.ctx.prompts.error("Cannot export the compact", str(exc))
            return
        self.ctx.prompts.info(
            "Compact exported", f"Saved {target.name} ({pages} page{'s' if pages != 1 else ''})."
        )

    # -- editing ---------------------------------------------------------------------
    def _commit(self, new: Compact, text: str, select_row: int | None = None) -> bool:
        """Save ``new`` as the draft through one undoable command; False if refused."""
        before = self.draft
        if before is None or new == before:
            return False
        problems = versioning.problems(new)
        if problems:
            self.show_problem(problems[0])
            return False
        self._select_after_reload = select_row
        command = ServiceCommand(
            self.ctx,
            self.key,
            text,
            do=lambda: self.service.save_draft(new),
            undo=lambda: self.service.save_draft(before),
        )
        try:
            push(self.ctx, command)
        except ValidationError as exc:
            self.show_problem(exc.problems[0])
            return False
        except KeelError as exc:
            self.show_problem(Problem("", str(exc)))
            return False
        return True

    def show_problem(self, problem: Problem) -> None:
        self.problem_label.setText(str(problem))
        self.problem_label.show()
        self.sections.setCurrentIndex(0)
        for widget, field in ((self.title_edit, "title"), (self.purpose_edit, "purpose")):
            if problem.where == field and FIELD_ERROR not in widget.styleSheet():
                widget.setStyleSheet(widget.styleSheet() + FIELD_ERROR)
                widget.setToolTip(problem.message)

    def hide_problem(self) -> None:
        self.problem_label.hide()
        self.problem_label.clear()
        for widget in (self.title_edit, self.purpose_edit):
            widget.setStyleSheet(widget.styleSheet().replace(FIELD_ERROR, ""))
            widget.setToolTip("")

    def _on_title(self) -> None:
        if self._loading or self.draft is None or self.viewing is not None:
            return
        self._commit(
            dataclasses.replace(self.draft, title=" ".join(self.title_edit.text().split())),
            "Edit title",
        )

    def _on_purpose_typed(self) -> None:
        self._update_purpose_count()
        if not self._loading and self.viewing is None:
            self.purpose_timer.start()

    def _update_purpose_count(self) -> None:
        length = len(self.purpose_edit.toPlainText().strip())
        self.purpose_count.setText(f"{length} / {MAX_PURPOSE}")
        over = length > MAX_PURPOSE
        self.purpose_count.setStyleSheet(PROBLEM_STYLE if over else "color: #5B6573;")

    def commit_purpose(self) -> None:
        """Save the purpose (after a pause in typing, or when leaving the field)."""
        self.purpose_timer.stop()
        if self.draft is None or self.viewing is not None:
            return
        text = self.purpose_edit.toPlainText().strip()
        if text != self.draft.purpose:
            self._commit(dataclasses.replace(self.draft, purpose=text), "Edit purpose")

    def _on_review(self) -> None:
        if self._loading or self.draft is None or self.viewing is not None:
            return
        date = self.next_review_edit.date()
        next_review = None if date == self.next_review_edit.minimumDate() else date.toPython()
        self._commit(
            dataclasses.replace(
                self.draft, review_cadence=self.cadence_combo.currentText(), next_review=next_review
            ),
            "Change review schedule",
        )

    def _on_cell_edited(self, row: int, commitment: Commitment, what: str) -> None:
        assert self.draft is not None
        label = {"commitment": "wording", "#": "number"}.get(what, what)
        self._commit(
            versioning.with_replaced(self.draft, row, commitment),
            f"Edit {label} of commitment {row + 1}",
            select_row=row,
        )

    def _on_dropped(self, source: int, target: int) -> None:
        assert self.draft is not None
        self._commit(
            versioning.moved(self.draft, source, target),
            f"Move commitment {source + 1} to {target + 1}",
            select_row=target,
        )

    def _on_signatures(self, signatures: tuple) -> None:
        if self.draft is None:
            return
        self._commit(dataclasses.replace(self.draft, signatures=signatures), "Record signatures")

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.mapToSource(index).row()

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.proxy.mapFromSource(self.model.index(row, STATEMENT))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _restore_selection(self) -> None:
        if self._select_after_reload is not None:
            self.select_row(self._select_after_reload)
            self._select_after_reload = None

    def add_commitment(self) -> None:
        if self.draft is None or self.viewing is not None:
            return
        self.sections.setCurrentIndex(0)
        current = self.current_row()
        row = len(self.draft.commitments) if current is None else current + 1
        new = Commitment(statement=NEW_STATEMENT, theme=THEMES[0])
        if self._commit(
            versioning.with_commitment(self.draft, new, row), "Add commitment", select_row=row
        ):
            self.table.setFocus()
            self.table.edit(self.proxy.mapFromSource(self.model.index(row, STATEMENT)))

    def remove_commitment(self) -> None:
        row = self.current_row()
        if self.draft is None or self.viewing is not None or row is None:
            return
        remaining = len(self.draft.commitments) - 1
        self._commit(
            versioning.without_commitment(self.draft, row),
            f"Remove commitment {row + 1}",
            select_row=min(row, remaining - 1) if remaining else None,
        )

    def move_commitment(self, delta: int) -> None:
        row = self.current_row()
        if self.draft is None or self.viewing is not None or row is None:
            return
        target = row + delta
        if not 0 <= target < len(self.draft.commitments):
            return
        self._commit(
            versioning.moved(self.draft, row, target),
            f"Move commitment {row + 1} {'up' if delta < 0 else 'down'}",
            select_row=target,
        )

    # -- lifecycle -------------------------------------------------------------------
    def start(self, with_starters: bool) -> None:
        command = ServiceCommand(
            self.ctx,
            self.key,
            "Start the compact",
            do=lambda: self.service.start(with_starters=with_starters),
            undo=self.service.discard_draft,
        )
        try:
            push(self.ctx, command)
        except KeelError as exc:
            self.ctx.prompts.error("Cannot start the compact", str(exc))

    def ratify(self) -> None:
        self.commit_purpose()
        draft = self.draft
        if draft is None:
            return
        problems = versioning.problems(draft, for_ratify=True)
        if problems:
            self.show_problem(problems[0])
            return
        number = (self.versions[-1].number or 0) + 1 if self.versions else 1
        signed = len(draft.signatures)
        who = (
            f"{signed} member{'s have' if signed != 1 else ' has'} signed"
            if signed
            else "Nobody has signed yet"
        )
        self.ctx.prompts.confirm(
            "Ratify the compact",
            f"Ratify this draft as version {number}? {who}. The version, its date and "
            "its signatures are then frozen; later edits go into a new draft.",
            lambda: self._ratify_confirmed(draft, number),
        )

    def _ratify_confirmed(self, before: Compact, number: int) -> None:
        command = ServiceCommand(
            self.ctx,
            self.key,
            f"Ratify version {number}",
            do=lambda: self.service.ratify(),
            undo=lambda: self.service.withdraw_latest(number, before),
        )
        try:
            push(self.ctx, command)
        except ValidationError as exc:
            self.show_problem(exc.problems[0])
        except KeelError as exc:
            self.ctx.prompts.error("Cannot ratify", str(exc))

    def open_selected_version(self) -> None:
        index = self.history_table.currentIndex()
        if not index.isValid():
            return
        version = self.history_model.version(self.history_proxy.mapToSource(index).row())
        self.show_version(version.number)

    def _back_to_draft(self) -> None:
        if self.draft is None:
            # Versions without a draft (e.g. imported): start one from the latest.
            self.viewing = None
            self.start(with_starters=False)
        else:
            self.show_version(None)

    def show_version(self, number: int | None) -> None:
        """Show a ratified version read-only (or the draft with None)."""
        index = self.version_combo.findData(number)
        if index >= 0:
            self.version_combo.setCurrentIndex(index)

    def _on_version_chosen(self, _index: int) -> None:
        if self._loading:
            return
        self.commit_purpose()
        self.viewing = self.version_combo.currentData()
        self.reload()

    def _on_changed(self, key: str) -> None:
        # The main window reloads tabs for other features' changes; this is our own.
        if key == self.key:
            self.reload()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        if watched is self.purpose_edit and event.type() == QEvent.Type.FocusOut:
            self.commit_purpose()
        return super().eventFilter(watched, event)

    def teardown(self) -> None:
        self.purpose_timer.stop()
        self.preview_timer.stop()
        super().teardown()

    # -- layout memory ---------------------------------------------------------------
    def save_state(self) -> dict[str, Any]:
        return {
            "splitter": bytes(self.splitter.saveState().toBase64().data()).decode(),
            "section": self.sections.currentIndex(),
            "page_size": self.page_size.currentText(),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        if isinstance(state.get("splitter"), str):
            self.splitter.restoreState(QByteArray.fromBase64(state["splitter"].encode()))
        if isinstance(state.get("section"), int):
            self.sections.setCurrentIndex(state["section"])
        if state.get("page_size") in ("A4", "Letter"):
            self.page_size.setCurrentText(state["page_size"])
