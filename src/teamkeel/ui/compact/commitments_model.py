"""The commitments table: one row per commitment, in the compact's order.

The model never writes: an edit, a drop or a move is handed to ``on_edit`` /
``on_move`` (the tab turns it into an undoable command that saves the draft and
reloads the model). A field that was refused keeps its old value and is outlined in
red with the reason as its tooltip until the next accepted edit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from teamkeel.core.compact import versioning
from teamkeel.core.compact.document import THEMES, Commitment, format_number
from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import N_, _
from teamkeel.ui import theme
from teamkeel.ui.rows_model import SORT_ROLE, TitledRowsModel

NUMBER, STATEMENT, NORM, UNIT, THEME = range(5)
HEADERS = ("#", N_("Commitment"), N_("Norm"), N_("Unit"), N_("Theme"))
FIELDS = {STATEMENT: "statement", NORM: "norm", UNIT: "unit", THEME: "theme"}
MIME_TYPE = "application/x-keel-commitment-row"

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: these are flat tables


class CommitmentTableModel(TitledRowsModel):
    HEADERS = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self.read_only = False
        # (row, column) -> message of the last refused edit there
        self.flags_by_cell: dict[tuple[int, int], str] = {}
        self.on_edit: Callable[[int, Commitment, str], None] = lambda row, c, what: None
        self.on_move: Callable[[int, int], None] = lambda source, target: None
        self.on_refused: Callable[[Problem], None] = lambda problem: None

    # -- contents --------------------------------------------------------------------
    def set_commitments(self, items: tuple[Commitment, ...], read_only: bool) -> None:
        self.beginResetModel()
        self.rows = list(items)
        self.read_only = read_only
        self.flags_by_cell.clear()
        self.endResetModel()

    def commitment(self, row: int) -> Commitment:
        return self.rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NUMBER:
                return index.row() + 1
            if column == STATEMENT:
                return item.statement
            if column == NORM:
                return "" if item.norm_value is None else format_number(item.norm_value)
            if column == UNIT:
                return item.norm_unit
            if column == THEME:
                # A suggested theme stored in English reads in the lead's language, as
                # in the PDF; the editor gets the stored text.
                shown = role == Qt.ItemDataRole.DisplayRole and item.theme in THEMES
                return _(item.theme) if shown else item.theme
        if role == SORT_ROLE:
            return index.row() if column == NUMBER else self.data(index)
        if role == Qt.ItemDataRole.ToolTipRole:
            flagged = self.flags_by_cell.get((index.row(), column))
            if flagged:
                return flagged
            if column == STATEMENT:
                return item.statement
        if role == Qt.ItemDataRole.BackgroundRole:
            if (index.row(), column) in self.flags_by_cell:
                return QBrush(QColor(theme.INVALID_FILL))
            if column in (NORM, UNIT) and self._unfinished_norm(index.row()):
                # allowed in a draft, but ratifying needs it finished
                return QBrush(QColor(theme.ATTENTION[0]))
        if role == Qt.ItemDataRole.ToolTipRole and column in (NORM, UNIT):
            unfinished = self._unfinished_norm(index.row())
            if unfinished:
                return f"{unfinished}; needed before ratifying"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, NORM):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == NUMBER:
            return f"Commitment {index.row() + 1}"
        return None

    def _unfinished_norm(self, row: int) -> str:
        """The reason a norm is half entered (a number without unit, or a unit alone)."""
        if self.read_only:
            return ""
        found = versioning.commitment_problems(self.rows[row], row + 1, for_ratify=True)
        return next((p.message for p in found if p.where.endswith(("norm", "unit"))), "")

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return base | (
                Qt.ItemFlag.NoItemFlags if self.read_only else Qt.ItemFlag.ItemIsDropEnabled
            )
        if self.read_only:
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() != NUMBER:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # -- edits -----------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        row, column = index.row(), index.column()
        old = self.rows[row]
        text = "" if value is None else str(value)
        try:
            new = self._edited(old, column, text, row + 1)
        except ValidationError as exc:
            self._flag(row, column, exc.problems[0])
            return False
        problems = [
            p
            for p in versioning.commitment_problems(new, row + 1)
            if p.where.endswith(FIELDS[column])
        ]
        if problems:
            self._flag(row, column, problems[0])
            return False
        self.flags_by_cell.pop((row, column), None)
        if new != old:
            self.on_edit(row, new, HEADERS[column].lower())
        return True

    @staticmethod
    def _edited(old: Commitment, column: int, text: str, line: int) -> Commitment:
        if column == STATEMENT:
            return dataclasses.replace(old, statement=" ".join(text.split()))
        if column == NORM:
            value = versioning.parse_norm(text, f"commitment {line}: norm")
            return dataclasses.replace(old, norm_value=value)
        if column == UNIT:
            return dataclasses.replace(old, norm_unit=" ".join(text.split()))
        if column == THEME:
            return dataclasses.replace(old, theme=" ".join(text.split()).lower())
        return old

    def _flag(self, row: int, column: int, problem: Problem) -> None:
        self.flags_by_cell[(row, column)] = problem.message
        cell = self.index(row, column)
        self.dataChanged.emit(cell, cell)
        self.on_refused(problem)

    # -- drag and drop reordering ----------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(MIME_TYPE, QByteArray(str(rows[0]).encode()))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:  # noqa: N802
        return not self.read_only and data.hasFormat(MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:  # noqa: N802
        if self.read_only or not data.hasFormat(MIME_TYPE):
            return False
        source = int(bytes(data.data(MIME_TYPE).data()).decode())
        if row < 0 and parent.isValid():
            # Dropped onto a row (how the table drops): take that row's place.
            target = parent.row()
        else:
            # Dropped between rows (before ``row``), or onto empty space: go last.
            row = len(self.rows) if row < 0 else row
            target = row - 1 if row > source else row
        if target != source:
            self.on_move(source, target)
        # False: the view must not delete the source row itself; the reload does it.
        return False


class CommitmentProxy(QSortFilterProxyModel):
    """The table's proxy. The view does not sort: the compact's order is part of what
    the team agreed, and reordering works on that order."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
