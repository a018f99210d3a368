"""The Signatories section: who agreed to the compact shown, and when."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from teamkeel.core.compact.document import Compact
from teamkeel.core.roster import Member
from teamkeel.ui.compact.delegates import DateDelegate
from teamkeel.ui.compact.signatures_model import (
    MEMBER,
    SIGNED_ON,
    SignatureProxy,
    SignatureTableModel,
)


class SignaturesPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = SignatureTableModel()
        self.proxy = SignatureProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("compact_signatures")
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(SIGNED_ON, DateDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MEMBER, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(MEMBER, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Signatories")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

    def show_compact(self, compact: Compact, members: list[Member]) -> None:
        self.model.set_contents(compact, members)
        signed = self.model.signed_count()
        if compact.is_draft:
            self.hint.setText(
                f"Tick each member who agreed to this draft ({signed} so far). Ticking uses "
                "today's date; double-click a date to change it. Signatures are frozen "
                "with the version when you ratify."
            )
        else:
            self.hint.setText(
                f"{compact.label} was signed by {signed} member{'s' if signed != 1 else ''}."
            )
