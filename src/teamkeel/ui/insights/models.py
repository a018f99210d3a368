"""Table models of the Insights tab: one member's exchanges, and the survey rounds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from teamkeel.core.i18n import N_, _
from teamkeel.core.insights.service import ExchangeView, RoundInfo
from teamkeel.ui.rows_model import SORT_ROLE, TitledRowsModel

Index = QModelIndex | QPersistentModelIndex


class DisplayRowsModel(TitledRowsModel):
    """Rows shown through ``display`` and sorted through ``sort_key``."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == SORT_ROLE:
            return self.sort_key(row, index.column())
        return None

    def display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, row: Any, column: int) -> Any:
        return self.display(row, column)


class ExchangeModel(DisplayRowsModel):
    DAY, DIRECTION, OTHER, KIND, NOTE = range(5)
    HEADERS = (N_("Date"), N_("Direction"), N_("With"), N_("How"), N_("What"))

    def display(self, row: ExchangeView, column: int) -> str:
        if column == self.DAY:
            return row.day.isoformat()
        if column == self.DIRECTION:
            return _("helped") if row.direction == "gave" else _("was helped by")
        if column == self.OTHER:
            return row.other
        if column == self.KIND:
            return {"kudo": _("kudos"), "blocker": _("blocker")}.get(
                row.kind, _("supportive action")
            )
        return row.note


class RoundModel(DisplayRowsModel):
    DAY, LABEL, RESPONSES, SHOWN = range(4)
    HEADERS = (N_("Date"), N_("Round"), N_("Responses"), N_("Results"))

    def __init__(self) -> None:
        super().__init__()
        self.minimum = 5

    def set_minimum(self, minimum: int) -> None:
        self.minimum = minimum
        if self.rows:
            self.dataChanged.emit(
                self.index(0, self.SHOWN), self.index(len(self.rows) - 1, self.SHOWN)
            )

    def display(self, row: RoundInfo, column: int) -> str:
        if column == self.DAY:
            return row.held_on.isoformat()
        if column == self.LABEL:
            return row.label
        if column == self.RESPONSES:
            return str(row.responses)
        if row.responses >= self.minimum:
            return _("shown")
        return _("hidden (fewer than {minimum})").format(minimum=self.minimum)

    def sort_key(self, row: RoundInfo, column: int) -> Any:
        return row.responses if column == self.RESPONSES else self.display(row, column)
