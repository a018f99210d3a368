"""The agenda: the visible range's occurrences as a sortable, filterable table.

Cells come from `teamkeel.core.calendar.listing.row`, the same text
`teamkeel calendar list` prints.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from teamkeel.core.calendar.domain import Occurrence
from teamkeel.core.calendar.library import colour
from teamkeel.core.calendar.listing import COLUMNS, row
from teamkeel.core.i18n import N_, _
from teamkeel.ui import theme
from teamkeel.ui.rows_model import SORT_ROLE

DATE, TIME, TIMEZONE, RITUAL, FACILITATOR = range(5)
HEADERS = (N_("Date"), N_("Time"), N_("Timezone"), N_("Ritual"), N_("Facilitator"))
OCCURRENCE_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class AgendaModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.occurrences: list[Occurrence] = []
        self._rows: list[dict[str, str]] = []
        self.today: dt.date | None = None

    def set_occurrences(self, occurrences: list[Occurrence], today: dt.date) -> None:
        self.beginResetModel()
        self.occurrences = list(occurrences)
        self._rows = [row(o) for o in occurrences]
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.occurrences)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        occ = self.occurrences[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][COLUMNS[column]]
        if role == SORT_ROLE:
            if column in (DATE, TIME):
                return occ.start.timestamp()
            return self._rows[index.row()][COLUMNS[column]].casefold()
        if role == OCCURRENCE_ROLE:
            return occ
        if role == Qt.ItemDataRole.DecorationRole and column == RITUAL:
            return theme.series(colour(occ.kind))
        if role == Qt.ItemDataRole.FontRole and occ.day == self.today:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and occ.day == self.today:
            return QBrush(QColor(theme.HIGHLIGHT_FILL))
        if role == Qt.ItemDataRole.ToolTipRole and column == FACILITATOR and occ.swapped:
            return _("The lead handed this occurrence to someone else.")
        return None
