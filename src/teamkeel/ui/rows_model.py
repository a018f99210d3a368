"""The common part of Keel's flat tables: a list of plain rows under fixed headers.

The roster table is on the window's first frame, so it keeps clear of ``QtCore.Qt``:
the first look-up of that namespace makes PySide6 build all 93 of its enums as Python
enums (~12 ms, a sixth of what Keel adds to a bare window's start). Hence the plain
role numbers below, and ``show_titles`` instead of a Python ``headerData`` (PySide6
passes that method a ``Qt.Orientation``). Tables built after the first frame use
``TitledRowsModel`` and ``QtCore.Qt`` freely.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView

from teamkeel.core.i18n import _

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root of a flat table

# Qt.ItemDataRole values, as the plain ints ``data`` receives (tests check them).
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
FONT_ROLE = 6
FOREGROUND_ROLE = 9
USER_ROLE = 256
# What a column sorts by, where that differs from the text shown (every Keel table).
SORT_ROLE = USER_ROLE + 1


class RowsModel(QAbstractTableModel):
    """Subclasses set ``HEADERS`` and implement ``data``; the rows are whatever plain
    objects the services returned (never a session or an ORM row). The view shows the
    titles with ``show_titles``."""

    HEADERS: Sequence[str] = ()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)


class TitledRowsModel(RowsModel):
    """A ``RowsModel`` that gives its own column titles, for tables built after the
    first frame (any view shows them without help)."""

    def headerData(  # noqa: N802
        self, section: int, orientation: QtCore.Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        if orientation == QtCore.Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            return _(self.HEADERS[section])  # marked with N_() where they are defined
        return None


def show_titles(view: QTableView, titles: Sequence[str]) -> QStandardItemModel:
    """Give ``view``'s header its column titles from a Qt model of their own, so that
    painting the header calls no Python. Call it after ``view.setModel``, which hands the
    header the view's model; the header then keeps the titles' model (returned)."""
    model = QStandardItemModel(0, len(titles), view)
    model.setHorizontalHeaderLabels([_(title) for title in titles])  # marked with N_()

    view.horizontalHeader().setModel(model)
    return model
