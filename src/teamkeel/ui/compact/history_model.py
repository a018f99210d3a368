"""The history table: every ratified version, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from teamkeel.core.compact.document import Compact

VERSION, RATIFIED, COMMITMENTS, SIGNED = range(4)
HEADERS = ("Version", "Ratified", "Commitments", "Signed by")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: these are flat tables


class HistoryTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._versions: list[Compact] = []

    def set_versions(self, versions: list[Compact]) -> None:
        self.beginResetModel()
        self._versions = list(versions)
        self.endResetModel()

    def version(self, row: int) -> Compact:
        return self._versions[row]

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._versions)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self._versions[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"Version {v.number}",
                f"{v.ratified_on:%d %b %Y}" if v.ratified_on else "",
                len(v.commitments),
                ", ".join(s.name for s in v.signatures) or "nobody",
            )[column]
        if role == SORT_ROLE:
            return (
                v.number,
                v.ratified_on.toordinal() if v.ratified_on else 0,
                len(v.commitments),
                len(v.signatures),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == SIGNED:
            return "\n".join(f"{s.name} — {s.signed_on:%d %b %Y}" for s in v.signatures)
        return None


class HistoryProxy(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
