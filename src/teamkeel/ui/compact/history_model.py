"""The history table: every ratified version, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from teamkeel.core import i18n
from teamkeel.core.compact.document import Compact
from teamkeel.core.i18n import N_, _
from teamkeel.ui.rows_model import SORT_ROLE, TitledRowsModel

VERSION, RATIFIED, COMMITMENTS, SIGNED = range(4)
HEADERS = (N_("Version"), N_("Ratified"), N_("Commitments"), N_("Signed by"))

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: these are flat tables


class HistoryTableModel(TitledRowsModel):
    HEADERS = HEADERS

    def set_versions(self, rows: list[Any]) -> None:
        self.set_rows(rows)

    def version(self, row: int) -> Compact:
        return self.rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                _("Version {number}").format(number=v.number),
                i18n.format_date(v.ratified_on, "dd MMM y") if v.ratified_on else "",
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
            return "\n".join(
                f"{s.name} — {i18n.format_date(s.signed_on, 'dd MMM y')}" for s in v.signatures
            )
        return None


class HistoryProxy(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
