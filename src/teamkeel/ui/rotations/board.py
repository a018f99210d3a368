"""The board for one round: its groups and the people in them, and the lead's edits.

Select two people and press Swap (or one person and someone not scheduled, who then takes
their place); select a group to pin or unpin it; mark the round done; re-plan the rounds
after it. The board only asks: the tab turns each request into an undoable edit.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core import i18n
from teamkeel.core.i18n import _
from teamkeel.core.rotations.export import group_lines
from teamkeel.core.rotations.planner import Candidate, Kind
from teamkeel.core.rotations.records import RotationSpec, RoundView
from teamkeel.ui import theme

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
NOT_SEATED = -2
SITTING_OUT = -1


class RoundBoard(QWidget):
    swap_requested = Signal(int, int)
    pin_requested = Signal(int, bool)
    done_requested = Signal(bool)
    replan_requested = Signal()
    project_requested = Signal(int)  # a pair's number on a skill-share board (from 0)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("round_board")
        self.view: RoundView | None = None
        self.spec: RotationSpec | None = None
        self.row_groups: list[int] = []  # per table row: group number, SITTING_OUT or NOT_SEATED
        self.menu: QMenu | None = None  # the last context menu shown
        self.title = QLabel(_("Select a round"))
        self.title.setObjectName("board_title")
        self.title.setStyleSheet(theme.SUBHEADING)
        self.grid = QTableWidget()
        self.grid.setAccessibleName(_("Who is with whom"))
        self.grid.setAccessibleDescription(
            _("Select two people to swap them, or a group's name to pin it")
        )
        self.grid.setObjectName("board_grid")
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.setWordWrap(True)
        self.grid.setShowGrid(False)
        self.grid.setStyleSheet(
            f"QTableWidget::item {{ padding: 4px; border-bottom: 1px solid {theme.RULE}; }}"
        )
        self.hint = QLabel(
            _(
                "Select two people to swap them, or a person and someone not scheduled to put "
                "them in; select a group's name to pin it."
            )
        )
        self.hint.setStyleSheet(theme.MUTED_TEXT)
        self.hint.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("board_warning")
        self.warning.setStyleSheet(theme.WARNING_TEXT)
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.swap_button = QPushButton(_("Swap"))
        # Not Ctrl+Shift+S: that is File → Save a copy, and a shared key does nothing.
        self.swap_button.setToolTip(_("Swap the two selected people (Ctrl+Shift+X)"))
        self.swap_button.setShortcut("Ctrl+Shift+X")
        self.pin_button = QPushButton(_("Pin"))
        self.pin_button.setToolTip(_("Keep the selected group when re-planning (Ctrl+P)"))
        self.pin_button.setShortcut("Ctrl+P")
        self.done_button = QPushButton(_("Mark done"))
        self.done_button.setToolTip(_("The round happened as shown (Ctrl+D)"))
        self.done_button.setShortcut("Ctrl+D")
        self.replan_button = QPushButton(_("Re-plan after this round"))
        self.replan_button.setToolTip(
            _("Plan the rounds after this one again, from the rounds up to here as they stand")
        )
        self.project_button = QPushButton(_("Plan a skill-share project…"))
        self.project_button.setObjectName("plan_project")
        self.project_button.setToolTip(
            _("Start a micro-project for the selected pair, serving each one's growth goal")
        )
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        buttons = QHBoxLayout()
        for b in (self.swap_button, self.pin_button, self.done_button, self.project_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.replan_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.grid.itemSelectionChanged.connect(self._update_buttons)
        self.grid.verticalHeader().sectionClicked.connect(self._update_buttons)
        self.swap_button.clicked.connect(self._swap)
        self.pin_button.clicked.connect(self._pin)
        self.done_button.clicked.connect(self._done)
        self.replan_button.clicked.connect(self.replan_requested)
        self.project_button.clicked.connect(self._plan_project)
        self.grid.customContextMenuRequested.connect(self._context_menu)
        self._update_buttons()

    # -- showing -----------------------------------------------------------------------
    def show_round(
        self,
        spec: RotationSpec | None,
        view: RoundView | None,
        names: dict[int, str],
        unseated: list[int],
        people: dict[int, Candidate] | None = None,
    ) -> None:
        # The selection belongs to one round: picking another round starts afresh.
        same_round = view is not None and self.view is not None and view.id == self.view.id
        selected = self.selected_members() if same_round else []
        self.show_warning("")  # about the last swap only; any change or undo ends it
        self.spec, self.view = spec, view
        self.grid.clear()
        self.grid.setRowCount(0)
        self.row_groups = []
        if spec is None or view is None:
            self.grid.setColumnCount(0)
            self.title.setText(_("Select a round"))
            self._update_buttons()
            return
        status = _("done") if view.done else _("planned")
        self.title.setText(
            _("Round {number} · {date} · {status}").format(
                number=view.number + 1, date=i18n.format_date(view.day, "full"), status=status
            )
        )
        width = max([len(g.members) for g in view.groups] + [2])
        if spec.kind == Kind.ROLE:
            width = 1
        self.grid.setColumnCount(width + 1)
        seats = {Kind.CROSS_CHECK: [_("Reviewer"), _("Author")], Kind.ROLE: [_("Holder")]}.get(
            spec.kind, [_("Member {number}").format(number=i + 1) for i in range(width)]
        )
        self.grid.setHorizontalHeaderLabels([*seats, _("Note")])
        self.grid.horizontalHeader().setSectionResizeMode(width, QHeaderView.ResizeMode.Stretch)
        # Rows fitted once at the end: fitted as each row came, the rows before it were
        # measured again every time (80 ms for a round of 60).
        vertical = self.grid.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        try:
            self._add_rows(spec, view, names, unseated, people, width)
        finally:
            vertical.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._reselect(selected)
        self._update_buttons()

    def _add_rows(
        self,
        spec: RotationSpec,
        view: RoundView,
        names: dict[int, str],
        unseated: list[int],
        people: dict[int, Candidate] | None,
        width: int,
    ) -> None:
        word = {
            Kind.CROSS_CHECK: _("Review {number}"),
            Kind.ROLE: _("Holder {number}"),
            Kind.GROUPS: _("Group {number}"),
        }.get(spec.kind, _("Pair {number}"))
        lines = group_lines(spec, view, names, people)
        for g, (group, line) in enumerate(zip(view.groups, lines, strict=True)):
            label = word.format(number=g + 1) + (" 📌" if group.pinned else "")

            note = line.note
            row = self._add_row(label, group.members, names, note, g, width, line.short_hours)
            if group.pinned:
                for c in range(width + 1):
                    item = self.grid.item(row, c)
                    if item is not None:
                        item.setBackground(QBrush(QColor(theme.HIGHLIGHT_FILL)))
        for m in view.sitting_out:
            self._add_row(
                _("Sits out"), (m,), names, _("has the odd-one-out duty"), SITTING_OUT, width
            )
        for i in range(0, len(unseated), width):
            self._add_row(
                _("Not scheduled"),
                tuple(unseated[i : i + width]),
                names,
                _("away, or not in this round"),
                NOT_SEATED,
                width,
            )

    def show_warning(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def _add_row(
        self,
        label: str,
        members,
        names: dict[int, str],
        note: str,
        code: int,
        width: int,
        warn: bool = False,
    ) -> int:
        row = self.grid.rowCount()
        self.grid.insertRow(row)
        self.row_groups.append(code)
        header = QTableWidgetItem(label)
        if code < 0:
            header.setForeground(QBrush(QColor(theme.MUTED)))
        self.grid.setVerticalHeaderItem(row, header)
        for c, m in enumerate(members[:width]):
            item = QTableWidgetItem(names.get(m, f"#{m}"))
            item.setData(MEMBER_ROLE, m)
            if code == NOT_SEATED:
                item.setForeground(QBrush(QColor(theme.MUTED)))
            self.grid.setItem(row, c, item)
        for c in range(len(members), width):
            blank = QTableWidgetItem("")
            blank.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.grid.setItem(row, c, blank)
        note_item = QTableWidgetItem(note)
        # A pair without the shared hours asked for stands out in the note.
        note_item.setForeground(QBrush(QColor(theme.ERROR if warn else theme.MUTED)))
        if warn:
            note_item.setToolTip(
                _("No arrangement gave this pair the shared working hours asked for")
            )
        self.grid.setItem(row, width, note_item)
        return row

    def _reselect(self, members: list[int]) -> None:
        for item in self._member_items():
            if item.data(MEMBER_ROLE) in members:
                item.setSelected(True)

    def _member_items(self) -> list[QTableWidgetItem]:
        out = []
        for r in range(self.grid.rowCount()):
            for c in range(self.grid.columnCount()):
                item = self.grid.item(r, c)
                if item is not None and item.data(MEMBER_ROLE) is not None:
                    out.append(item)
        return out

    # -- selection ---------------------------------------------------------------------
    def member_item(self, member_id: int) -> QTableWidgetItem | None:
        return next((i for i in self._member_items() if i.data(MEMBER_ROLE) == member_id), None)

    def select_members(self, *members: int) -> None:
        self.grid.clearSelection()
        self._reselect(list(members))

    def select_group(self, group_no: int) -> None:
        self.grid.clearSelection()
        if group_no in self.row_groups:
            self.grid.selectRow(self.row_groups.index(group_no))

    def selected_members(self) -> list[int]:
        return [
            i.data(MEMBER_ROLE)
            for i in self.grid.selectedItems()
            if i.data(MEMBER_ROLE) is not None
        ]

    def selected_group(self) -> int | None:
        for item in self.grid.selectedItems():
            g = self.row_groups[item.row()] if item.row() < len(self.row_groups) else -1
            if g >= 0:
                return g
        return None

    def _update_buttons(self) -> None:
        view = self.view
        members = self.selected_members()
        seated = (
            {m for g in view.groups for m in g.members} | set(view.sitting_out) if view else set()
        )
        self.swap_button.setEnabled(
            view is not None and len(members) == 2 and bool(seated & set(members))
        )
        group = self.selected_group()
        self.pin_button.setEnabled(view is not None and group is not None)
        pinned = view is not None and group is not None and view.groups[group].pinned
        self.pin_button.setText(_("Unpin") if pinned else _("Pin"))
        self.done_button.setEnabled(view is not None)
        self.done_button.setText(_("Mark planned") if view and view.done else _("Mark done"))
        self.replan_button.setEnabled(view is not None)
        skill_share = self.spec is not None and self.spec.kind == Kind.SKILL_SHARE
        self.project_button.setVisible(skill_share)
        self.project_button.setEnabled(view is not None and self._pair_at(group) is not None)

    def _pair_at(self, group: int | None) -> int | None:
        """The group's number when it is a pair (or three) of a skill-share board."""
        view, spec = self.view, self.spec
        if view is None or spec is None or spec.kind != Kind.SKILL_SHARE or group is None:
            return None
        return group if len(view.groups[group].members) >= 2 else None

    # -- requests ----------------------------------------------------------------------
    def _swap(self) -> None:
        members = self.selected_members()
        if len(members) == 2 and self.view is not None:
            seated = {m for g in self.view.groups for m in g.members} | set(self.view.sitting_out)
            a, b = members if members[0] in seated else (members[1], members[0])
            self.swap_requested.emit(a, b)

    def _pin(self) -> None:
        group = self.selected_group()
        if group is not None and self.view is not None:
            self.pin_requested.emit(group, not self.view.groups[group].pinned)

    def _plan_project(self) -> None:
        pair = self._pair_at(self.selected_group())
        if pair is not None:
            self.project_requested.emit(pair)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.grid.itemAt(pos)
        row = item.row() if item is not None else -1
        pair = self._pair_at(self.row_groups[row] if 0 <= row < len(self.row_groups) else None)
        if pair is None:
            return
        menu = QMenu(self)
        menu.setObjectName("board_menu")
        action = menu.addAction(_("Plan a skill-share project…"))
        action.triggered.connect(lambda: self.project_requested.emit(pair))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.grid.viewport().mapToGlobal(pos))
        self.menu = menu  # tests read it

    def _done(self) -> None:
        if self.view is not None:
            self.done_requested.emit(not self.view.done)
