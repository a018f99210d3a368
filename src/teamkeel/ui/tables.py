"""Read-only tables, set up one way everywhere: a sort proxy over the model (sorting by
``SORT_ROLE``), whole rows selected one at a time, no editing, no row numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from teamkeel.ui.rows_model import SORT_ROLE

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QWidget


def read_only_table(
    model: QAbstractItemModel,
    name: str,
    parent: QWidget | None = None,
    sort_column: int | None = None,
    fit_to_contents: bool = False,
    proxy: QSortFilterProxyModel | None = None,
) -> tuple[QTableView, QSortFilterProxyModel]:
    """A table view of ``model`` behind a sort proxy, named ``name`` (tests and the
    remembered layout find it by that name); sorted by ``sort_column`` if given, with
    its columns as wide as their contents if ``fit_to_contents``. A table that sorts in
    its own way passes its ``proxy``."""
    if proxy is None:
        proxy = QSortFilterProxyModel(parent)
        proxy.setSortRole(SORT_ROLE)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    if sort_column is not None:
        view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    if fit_to_contents:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view, proxy
