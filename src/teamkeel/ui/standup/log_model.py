"""The log table: entries fetched page by page, updated in place when one changes.

The log can hold hundreds of thousands of entries, so the model never loads it whole:
``fetchMore`` reads the next page of the filtered, ordered query as the view scrolls,
and a new, changed or removed entry is applied to the rows already fetched (one
``beginInsertRows``), never by re-reading everything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from teamkeel.core.i18n import N_, _
from teamkeel.core.standup import EntryKind, LogEntry, LogFilter, StandupService, Status
from teamkeel.core.standup.entries import SortKey
from teamkeel.ui import theme
from teamkeel.ui.rows_model import SORT_ROLE

DATE, KIND, WHO, OTHERS, NOTE, TAGS, STATUS, RESOLVED, DAYS = range(9)
HEADERS = (
    N_("Date"),
    N_("Kind"),
    N_("From / blocked"),
    N_("Helped by"),
    N_("What"),
    N_("Tags"),
    N_("Status"),
    N_("Resolved"),
    N_("Days"),
)
ENTRY_ROLE = int(Qt.ItemDataRole.UserRole.value) + 2
PAGE = 200
_ROOT = QModelIndex()

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ALL_COLUMNS = range(len(HEADERS))


def _display(entry: LogEntry, column: int) -> str:
    if column == DATE:
        return entry.day.isoformat()
    if column == KIND:
        return _("Kudos") if entry.kind is EntryKind.KUDOS else _("Blocker")
    if column == WHO:
        return entry.member.name
    if column == OTHERS:
        return ", ".join(m.name for m in entry.others)
    if column == NOTE:
        return entry.note
    if column == TAGS:
        return " ".join("#" + t for t in entry.tags)
    if column == STATUS:
        return {Status.NONE: "", Status.OPEN: _("Open"), Status.RESOLVED: _("Resolved")}[
            entry.status
        ]
    if column == RESOLVED:
        return entry.resolved_on.isoformat() if entry.resolved_on else ""
    if column == DAYS:
        days = entry.days_to_resolve
        return "" if days is None else str(days)
    return ""


class LogTableModel(QAbstractTableModel):
    def __init__(self, service: StandupService) -> None:
        super().__init__()
        self.service = service
        self.log_filter = LogFilter()
        self.order = SortKey.NEWEST
        self._rows: list[LogEntry] = []
        self._fetched = 0  # rows of the query already read (the next page's offset)
        self._exhausted = False
        self.total = 0  # entries matching the filter, fetched or not
        self._cells: dict[int, tuple[str, ...]] = {}  # display texts by entry id

    # -- what is shown -------------------------------------------------------------------
    def set_filter(self, log_filter: LogFilter) -> None:
        self.log_filter = log_filter
        self.reload()

    def set_order(self, order: SortKey) -> None:
        if order is not self.order:
            self.order = order
            self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a filter change or an outside edit)."""
        self.beginResetModel()
        self._cells.clear()
        self._rows = self.service.page(self.log_filter, 0, PAGE, self.order)
        self._fetched = len(self._rows)
        self._exhausted = len(self._rows) < PAGE
        self.total = len(self._rows) if self._exhausted else self.service.count(self.log_filter)
        self.endResetModel()

    def entry(self, row: int) -> LogEntry:
        return self._rows[row]

    def row_of(self, entry_id: int) -> int:
        for row, entry in enumerate(self._rows):
            if entry.id == entry_id:
                return row
        return -1

    # -- incremental updates ---------------------------------------------------------------
    def entry_added(self, entry: LogEntry) -> None:
        """Show a new entry where it belongs, if the filter lets it in."""
        if not self.service.matches(self.log_filter, entry.id):
            return
        self.total += 1
        row = self._position(entry)
        if row >= len(self._rows) and not self._exhausted:
            return  # it lies beyond the fetched pages: fetchMore will bring it in place
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, entry)
        self._fetched += 1
        self.endInsertRows()

    def entry_changed(self, entry: LogEntry) -> None:
        row = self.row_of(entry.id)
        if row < 0:
            # Not fetched: it may have just come into the filter (e.g. reopened while
            # "open" is shown). Whether it counted before is unknown, so count again.
            self.entry_added(entry)
            self.total = self.service.count(self.log_filter)
            return
        if not self.service.matches(self.log_filter, entry.id):
            self.entry_removed(entry.id)
            return
        self._rows[row] = entry
        self._cells.pop(entry.id, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def entry_removed(self, entry_id: int) -> None:
        row = self.row_of(entry_id)
        if row < 0:
            if not self._exhausted:  # it may have been one of the rows not fetched yet
                self.total = self.service.count(self.log_filter)
            return
        self.total -= 1
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._cells.pop(entry_id, None)
        self._fetched -= 1
        self.endRemoveRows()

    def _position(self, entry: LogEntry) -> int:
        key = (entry.day, entry.id)
        newest_first = self.order is SortKey.NEWEST
        lo, hi = 0, len(self._rows)
        while lo < hi:  # binary search: rows are already in query order
            mid = (lo + hi) // 2
            other = (self._rows[mid].day, self._rows[mid].id)
            before = other > key if newest_first else other < key
            if before:
                lo = mid + 1
            else:
                hi = mid
        return lo

    # -- Qt's model interface ----------------------------------------------------------------
    def canFetchMore(self, parent: Index = _ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = _ROOT) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        page = self.service.page(self.log_filter, self._fetched, PAGE, self.order)
        self._exhausted = len(page) < PAGE
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self._fetched += len(page)
        self.endInsertRows()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called for every visible cell and role on each repaint: plain int comparisons
        # and display texts computed once per entry keep a repaint cheap.
        if role in (_DISPLAY, _TOOLTIP):
            entry = self._rows[index.row()]
            cells = self._cells.get(entry.id)
            if cells is None:
                cells = self._cells[entry.id] = tuple(_display(entry, c) for c in _ALL_COLUMNS)
            return cells[index.column()]
        if role == _FOREGROUND:
            if index.column() != STATUS:
                return None
            status = self._rows[index.row()].status
            if status is Status.OPEN:
                return QBrush(QColor(theme.ERROR))
            if status is Status.RESOLVED:
                return QBrush(QColor(theme.SUCCESS))
            return None
        if role == SORT_ROLE:
            entry = self._rows[index.row()]
            if index.column() == DATE:
                return (entry.day.toordinal(), entry.id)
            return _display(entry, index.column()).casefold()
        if role == ENTRY_ROLE:
            return self._rows[index.row()]
        return None


class LogProxy(QSortFilterProxyModel):
    """Passes sorting down to SQL: only the date order exists for the whole log.

    Sorting the fetched rows here would be wrong (rows further down are not loaded yet),
    so a click on the Date header changes the query's order and other headers do nothing.
    """

    def __init__(self, source: LogTableModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        assert isinstance(source, LogTableModel)
        if column == DATE:
            newest = order == Qt.SortOrder.DescendingOrder
            source.set_order(SortKey.NEWEST if newest else SortKey.OLDEST)
