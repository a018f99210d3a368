"""The table of a team file's backups: when each was taken, why, and its size."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from teamkeel.core.safety.backup import Backup
from teamkeel.ui.rows_model import SORT_ROLE, TitledRowsModel

TAKEN, REASON, SIZE = range(3)
HEADERS = ("Taken", "Why", "Size")

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def size_text(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / (1024 * 1024):.1f} MB"


class BackupTableModel(TitledRowsModel):
    HEADERS = HEADERS

    def set_backups(self, rows: list[Any]) -> None:
        self.set_rows(rows)

    def backup(self, row: int) -> Backup:
        return self.rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TAKEN:
                return f"{b.local_time():%a %d %b %Y, %H:%M:%S}"
            if column == REASON:
                return b.reason_text.capitalize()
            return size_text(b.size)
        if role == SORT_ROLE:
            return (b.taken_at.timestamp(), b.reason, b.size)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(b.path)
        return None
