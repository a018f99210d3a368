"""The Signatories section: who agreed to the compact shown, and when."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from teamkeel.core.compact.document import Compact
from teamkeel.core.i18n import _, ngettext
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
        self.table.setAccessibleName(_("Signatories"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

    def show_compact(self, compact: Compact, members: list[Member]) -> None:
        # Ticking a member reloads the table: keep the lead on the same person, so that
        # Down then Space ticks the next one (not the first of the list).
        current = self.table.currentIndex()
        member_id = self._member_at(current.row()) if current.isValid() else None
        self.model.set_contents(compact, members)
        if member_id is not None:
            self._go_to(member_id, current.column())
        signed = self.model.signed_count()
        if compact.is_draft:
            self.hint.setText(
                _(
                    "Tick each member who agreed to this draft ({signed} so far). Ticking uses "
                    "today's date; double-click a date to change it. Signatures are frozen with the "
                    "version when you ratify."
                ).format(signed=signed)
            )
        else:
            self.hint.setText(
                ngettext(
                    "{version} was signed by {count} member.",
                    "{version} was signed by {count} members.",
                    signed,
                ).format(version=compact.label, count=signed)
            )

    def _member_at(self, proxy_row: int) -> int | None:
        source = self.proxy.mapToSource(self.proxy.index(proxy_row, MEMBER))
        return self.model.rows[source.row()][0] if source.isValid() else None

    def _go_to(self, member_id: int, column: int) -> None:
        for row in range(self.proxy.rowCount()):
            if self._member_at(row) == member_id:
                self.table.selectionModel().setCurrentIndex(
                    self.proxy.index(row, column),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect,
                )
                return
