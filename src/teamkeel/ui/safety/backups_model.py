"""The table of a team file's backups: when each was taken, why, and its size."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from teamkeel.core import i18n
from teamkeel.core.i18n import N_, _
from teamkeel.core.safety.backup import Backup
from teamkeel.ui.rows_model import SORT_ROLE, TitledRowsModel

TAKEN, REASON, SIZE = range(3)
HEADERS = (N_("Taken"), N_("Why"), N_("Size"))

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def size_text(n: int) -> str:
    if n < 1024 * 1024:
        return _("{size} KB").format(size=i18n.format_number(max(1, round(n / 1024)), 0))
    return _("{size} MB").format(size=i18n.format_number(n / (1024 * 1024), 1))


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
                return i18n.format_datetime(b.local_time(), "medium")

            if column == REASON:
                text = b.reason_text  # not capitalize(): German nouns keep their capital
                return text[:1].upper() + text[1:]
            return size_text(b.size)
        if role == SORT_ROLE:
            return (b.taken_at.timestamp(), b.reason, b.size)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(b.path)
        return None
