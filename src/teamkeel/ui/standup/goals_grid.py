"""The weekly goals grid: members down, this week's goals and supportive action across.

Filled in at the Monday ritual and marked at the end of the week, all by keyboard:
Enter or F2 edits a cell (``@`` completes names in the support column), D marks done,
P partly, N not done, O open again, C carries what is unfinished to next week, Delete
removes, Alt+Left / Alt+Right change the week. Every edit is one undo step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.goals.weekly import GoalItem, GoalStatus
from teamkeel.core.goals.weeks import monday_of, week_label, week_span
from teamkeel.core.i18n import N_, _
from teamkeel.core.standup.entries import MemberRef
from teamkeel.core.standup.parser import NameIndex, ParsedGoal, parse_goal_entry
from teamkeel.ui import theme
from teamkeel.ui.rows_model import TitledRowsModel
from teamkeel.ui.standup.goal_edits import GoalEdits
from teamkeel.ui.standup.name_line import NameCompletingLine

MEMBER, GOAL, GOAL_STATUS, SUPPORT, SUPPORT_STATUS = range(5)
HEADERS = (
    N_("Member"),
    N_("Goals this week"),
    N_("Goals done?"),
    N_("Supportive action"),
    N_("Support done?"),
)
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_STATUS_KEYS = {
    Qt.Key.Key_D: GoalStatus.DONE,
    Qt.Key.Key_P: GoalStatus.PARTLY,
    Qt.Key.Key_N: GoalStatus.NOT_DONE,
    Qt.Key.Key_O: GoalStatus.OPEN,
}
_ACTION_KEYS = (*_STATUS_KEYS, Qt.Key.Key_C, Qt.Key.Key_Delete)
# Read from the theme when a cell is painted (light or dark).
_COLOURS: dict[GoalStatus, Callable[[], str]] = {
    GoalStatus.DONE: lambda: theme.SUCCESS,
    GoalStatus.PARTLY: lambda: theme.WARNING,
    GoalStatus.NOT_DONE: lambda: theme.ERROR,
}


@dataclass(frozen=True)
class GridRow:
    member: MemberRef
    goals: tuple[GoalItem, ...]
    support: GoalItem | None

    def items(self, column: int) -> list[GoalItem]:
        if column in (GOAL, GOAL_STATUS):
            return list(self.goals)
        if column in (SUPPORT, SUPPORT_STATUS):
            return [self.support] if self.support else []
        return [*self.goals, *([self.support] if self.support else [])]


def _statuses(items: list[GoalItem]) -> str:
    if not items:
        return ""
    labels = [i.status.label for i in items]
    return labels[0] if len(set(labels)) == 1 else " · ".join(labels)


class GoalsGridModel(TitledRowsModel):
    """Rows under fixed titles (the table model base every flat Keel table uses)."""

    edit_requested = Signal(int, int, str)  # row, column, new text

    HEADERS = HEADERS
    rows: list[GridRow]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (GOAL, SUPPORT):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == GOAL:
                return "; ".join(i.text for i in row.goals)
            if column == SUPPORT and row.support:
                return f"@{row.support.colleague_name} {row.support.text}"
            return ""
        if role == Qt.ItemDataRole.ForegroundRole and column in (GOAL_STATUS, SUPPORT_STATUS):
            items = row.items(column)
            if items and len({i.status for i in items}) == 1 and items[0].status in _COLOURS:
                return QBrush(QColor(_COLOURS[items[0].status]()))
        if role == Qt.ItemDataRole.ToolTipRole and column in (GOAL, SUPPORT):
            carried = [i.text for i in row.items(column) if i.carried_from_id]
            if carried:
                return _("Carried over from last week: {goals}").format(goals="; ".join(carried))
        return None

    @staticmethod
    def _text(row: GridRow, column: int) -> str:
        if column == MEMBER:
            return row.member.name
        if column == GOAL:
            return "; ".join(("↻ " if i.carried_from_id else "") + i.text for i in row.goals)
        if column == SUPPORT:
            s = row.support
            return (
                _("for {colleague}: {text}").format(colleague=s.colleague_name, text=s.text)
                if s
                else ""
            )
        return _statuses(row.items(column))

    def setData(self, index: Index, value: Any, role: int = 2) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() not in (GOAL, SUPPORT):
            return False
        # The panel turns the text into an undoable edit and re-reads the week.
        self.edit_requested.emit(index.row(), index.column(), str(value))
        return False


class _SupportDelegate(QStyledItemDelegate):
    """Edits the support column in a line that completes ``@names``."""

    def __init__(self, panel: WeeklyGoalsPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = NameCompletingLine(parent)
        editor.set_members(self.panel.members)
        editor.setPlaceholderText(_("@colleague what you will do for them"))
        return editor


class GoalsTable(QTableView):
    """The grid's view: the status keys act on the current cell's part of the row."""

    key_pressed = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        editing = self.state() == QAbstractItemView.State.EditingState
        if plain and not editing:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit(self.currentIndex())
                event.accept()
                return
            if event.key() in _ACTION_KEYS:
                self.key_pressed.emit(event.key())
                event.accept()
                return
        super().keyPressEvent(event)


class WeeklyGoalsPanel(QWidget):
    message = Signal(str)  # what happened, or why not (shown under the quick entry)

    def __init__(self, edits: GoalEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self.members: list[MemberRef] = []
        self.monday = monday_of(dt.date.today())
        self.day = dt.date.today  # the stand-up day, for dating what is marked done
        self.week_label = QLabel()
        self.week_label.setObjectName("goals_week")
        self.previous = QPushButton("◀")
        self.previous.setAccessibleName(_("Previous week"))
        self.previous.setToolTip(_("Previous week (Alt+Left)"))
        self.next = QPushButton("▶")
        self.next.setAccessibleName(_("Next week"))
        self.next.setToolTip(_("Next week (Alt+Right)"))
        self.this_week = QPushButton(_("This week"))
        self.model = GoalsGridModel()
        self.table = GoalsTable()
        self.table.setObjectName("goals_grid")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(SUPPORT, _SupportDelegate(self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in (
            (MEMBER, 150),
            (GOAL, 300),
            (GOAL_STATUS, 90),
            (SUPPORT, 300),
            (SUPPORT_STATUS, 100),
        ):
            self.table.setColumnWidth(column, width)
        # The two text columns share what the window gives: the status columns stay in
        # view at 1024 pixels wide instead of behind a sideways scroll.
        for column in (GOAL, SUPPORT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Weekly goals"))
        hint = QLabel(
            _(
                "Enter edits · D done · P partly · N not done · O open · C carry over to next "
                "week · Delete removes · Alt+←/→ week"
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("goals_hint")

        top = QHBoxLayout()
        top.addWidget(self.previous)
        top.addWidget(self.week_label, 1)
        top.addWidget(self.this_week)
        top.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

        self.previous.clicked.connect(lambda: self.show_week(self.monday - dt.timedelta(days=7)))
        self.next.clicked.connect(lambda: self.show_week(self.monday + dt.timedelta(days=7)))
        self.this_week.clicked.connect(lambda: self.show_week(monday_of(self.day())))
        self.table.key_pressed.connect(self._key)
        self.model.edit_requested.connect(self._edit)
        for keys, what, slot in (
            ("Alt+Left", _("Previous week of goals"), self.previous.click),
            ("Alt+Right", _("Next week of goals"), self.next.click),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setWhatsThis(what)  # listed in Help → Keyboard shortcuts
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- reading -----------------------------------------------------------------------
    def set_members(self, members: list[MemberRef]) -> None:
        self.members = members
        self.reload()

    def show_week(self, day: dt.date) -> None:
        self.monday = monday_of(day)
        self.reload()

    def reload(self) -> None:
        current = self.table.currentIndex()
        items = self.edits.service.week(self.monday)
        by_member: dict[int, list[GoalItem]] = {}
        for item in items:
            by_member.setdefault(item.member_id, []).append(item)
        known = {m.id for m in self.members}
        # Archived members with goals that week still show, after the current ones.
        extra = [MemberRef(i.member_id, i.member_name) for i in items if i.member_id not in known]
        rows = []
        for member in [*self.members, *dict.fromkeys(extra)]:
            mine = by_member.get(member.id, [])
            goals = tuple(i for i in mine if not i.is_support)
            support = next((i for i in mine if i.is_support), None)
            rows.append(GridRow(member, goals, support))
        self.model.set_rows(rows)
        self.week_label.setText(f"<b>{week_label(self.monday)}</b> · {week_span(self.monday)}")
        if current.isValid() and current.row() < len(rows):
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        elif rows:
            self.table.setCurrentIndex(self.model.index(0, GOAL))

    def row_of(self, member_id: int) -> int:
        return next((i for i, r in enumerate(self.model.rows) if r.member.id == member_id), -1)

    # -- editing -----------------------------------------------------------------------
    def _key(self, key: int) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.rows[index.row()]
        items = row.items(index.column())
        name = row.member.name
        try:
            if key == Qt.Key.Key_C:
                self.edits.carry_over(items, name)
                self.message.emit(
                    _("Carried {name}'s unfinished goals to next week.").format(name=name)
                )
            elif key == Qt.Key.Key_Delete:
                self.edits.delete(items, name)
            elif items:
                status = _STATUS_KEYS[Qt.Key(key)]
                goals = _("Mark {name}'s goals {status}")
                part = {
                    GOAL: goals,
                    GOAL_STATUS: goals,
                    SUPPORT: _("Mark {name}'s support {status}"),
                    SUPPORT_STATUS: _("Mark {name}'s support {status}"),
                }
                self.edits.set_status(
                    [i.id for i in items],
                    status,
                    self.day(),
                    part.get(index.column(), goals).format(name=name, status=status.label),
                    [(row.member.id, self.monday)],
                )
        except KeelError as exc:
            self.message.emit(str(exc))

    def _edit(self, row_index: int, column: int, text: str) -> None:
        row = self.model.rows[row_index]
        name = row.member.name
        try:
            if column == GOAL:
                texts = [" ".join(t.split()) for t in text.split(";")]
                self.edits.set_deliverables(
                    row.member.id, self.monday, [t for t in texts if t], name
                )
            else:
                self._edit_support(row, text)
        except KeelError as exc:
            self.message.emit(str(exc))

    def _edit_support(self, row: GridRow, text: str) -> None:
        if not text.strip():
            self.edits.set_support(row.member.id, self.monday, None, "", row.member.name)
            return
        known = {m.id for m in self.members}
        names = NameIndex([*self.members, *([] if row.member.id in known else [row.member])])
        parsed = parse_goal_entry(f"goal @{row.member.name} support {text.strip()}", names)
        if not isinstance(parsed, ParsedGoal) or parsed.support_to is None:
            problems = parsed if isinstance(parsed, list) else []
            detail = (
                problems[0].message if problems else _("Start with @ and the colleague's name.")
            )
            raise KeelError(_("Supportive action: {detail}").format(detail=detail))
        self.edits.set_support(
            row.member.id, self.monday, parsed.support_to, parsed.support, row.member.name
        )
