"""The roster table: members as rows, behind a sorting and filtering proxy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSortFilterProxyModel, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics

from teamkeel.core import i18n
from teamkeel.core.i18n import N_, _
from teamkeel.core.roster import Member
from teamkeel.ui import theme
from teamkeel.ui.rows_model import (
    DISPLAY_ROLE,
    FONT_ROLE,
    FOREGROUND_ROLE,
    ROOT,
    SORT_ROLE,
    TOOLTIP_ROLE,
    USER_ROLE,
    Index,
    RowsModel,
)

NAME, ROLE, TIMEZONE, LOCAL_TIME, HOURS, SKILLS, GOALS, START, STATUS = range(9)
HEADERS = (
    N_("Name"),
    N_("Role"),
    N_("Time zone"),
    N_("Local time"),
    N_("Working hours"),
    N_("Skills"),
    N_("Growth goals"),
    N_("Started"),
    N_("Status"),
)
MEMBER_ROLE = USER_ROLE + 2
SLICE = 5_000  # rows added per turn of the event loop


def status_text(member: Member, today: dt.date) -> str:
    if member.archived:
        return _("Archived")
    for absence in member.absences:
        if absence.covers(today):
            return _("Away until {date}").format(date=i18n.format_date(absence.end, "d MMM"))
    return _("Active")


def local_time(member: Member, now: dt.datetime) -> dt.datetime | None:
    try:
        return now.astimezone(ZoneInfo(member.timezone))
    except (KeyError, ValueError):
        return None


@dataclass(frozen=True)
class Prepared:
    """Members with their cells as shown, in the order they were read, and the order
    they are shown in: plain data, so that a worker can make it for a large roster."""

    members: list[Member]
    texts: list[tuple[str, ...]]
    now: dt.datetime
    order: list[int]  # positions in ``members``, as shown
    sorted_by: tuple[int, bool]  # column, descending


def prepare(members: list[Member], now: dt.datetime, column: int, descending: bool) -> Prepared:
    clock: dict[str, str] = {}  # a team shares a few zones: format each zone's time once
    columns = range(len(HEADERS))
    texts = [tuple(_display(m, c, now, clock) for c in columns) for m in members]
    order = _ordered(members, texts, now, column, descending)
    return Prepared(members, texts, now, order, (column, descending))


def _ordered(
    members: list[Member],
    texts: list[tuple[str, ...]],
    now: dt.datetime,
    column: int,
    descending: bool,
) -> list[int]:
    """Positions in reading order, sorted by ``column``; ties keep the reading order
    either way, as Qt's stable sort did."""
    if not 0 <= column < len(HEADERS):
        return list(range(len(members)))
    keys = [_sort_key(m, t, column, now) for m, t in zip(members, texts, strict=True)]
    return sorted(range(len(members)), key=keys.__getitem__, reverse=descending)


def _sort_key(member: Member, texts: tuple[str, ...], column: int, now: dt.datetime) -> Any:
    if column == LOCAL_TIME:
        local = local_time(member, now)
        offset = local.utcoffset() if local else None
        return offset.total_seconds() if offset else 0.0
    if column == HOURS:
        return member.work_start.hour * 60 + member.work_start.minute
    if column == START:
        return member.start_date.toordinal() if member.start_date else 0
    return texts[column].casefold()


def _display(member: Member, column: int, now: dt.datetime, clock: dict[str, str]) -> str:
    if column == NAME:
        return member.name
    if column == ROLE:
        return member.role
    if column == TIMEZONE:
        return member.timezone
    if column == LOCAL_TIME:
        if member.timezone not in clock:
            local = local_time(member, now)
            clock[member.timezone] = (
                f"{local:%H:%M} ({i18n.format_date(local, 'EEE')})" if local else "—"
            )
        return clock[member.timezone]
    if column == HOURS:
        return member.working_hours
    if column == SKILLS:
        return " · ".join(member.skills)
    if column == GOALS:
        return " · ".join(member.goals)
    if column == START:
        return member.start_date.isoformat() if member.start_date else ""
    if column == STATUS:
        return status_text(member, now.date())
    return ""


class MemberTableModel(RowsModel):
    """Sorts its own rows (``sort_rows``): Qt's proxy sort asked Python for two sort
    keys per comparison, seconds for a roster of 100,000 imported people."""

    HEADERS = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self._now = dt.datetime.now(dt.UTC)
        self._texts: list[tuple[str, ...]] = []  # each row's cells, as shown
        self._read = Prepared([], [], self._now, [], (NAME, False))
        self.sorted_by: tuple[int, bool] = (NAME, False)  # column, descending
        self._filling = 0  # one per set_prepared, so that an older fill stops

    def set_members(self, members: list[Member]) -> None:
        # Local times and "away" are as of now.
        self.set_prepared(prepare(members, dt.datetime.now(dt.UTC), *self.sorted_by))

    def set_prepared(self, prepared: Prepared, then: Callable[[], object] | None = None) -> None:
        """Show ``prepared``; ``then()`` once every row is in. A large roster comes in
        slices of ``SLICE`` rows, one per turn of the event loop: the filter above asks
        Python about each new row, a quarter of a second for 100,000 at once."""
        if prepared.sorted_by != self.sorted_by:  # the lead sorted meanwhile
            order = _ordered(prepared.members, prepared.texts, prepared.now, *self.sorted_by)
            prepared = Prepared(
                prepared.members, prepared.texts, prepared.now, order, self.sorted_by
            )
        self._read, self._now = prepared, prepared.now
        self._filling += 1
        first = prepared.order[:SLICE]
        self.beginResetModel()
        self._texts = [prepared.texts[i] for i in first]
        self.rows = [prepared.members[i] for i in first]
        self.endResetModel()
        self._fill(self._filling, then)

    def _fill(self, filling: int, then: Callable[[], object] | None) -> None:
        if filling != self._filling:  # newer rows came meanwhile
            return
        read, start = self._read, len(self.rows)
        if start < len(read.order):
            more = read.order[start : start + SLICE]
            self.beginInsertRows(ROOT, start, start + len(more) - 1)
            self._texts.extend(read.texts[i] for i in more)
            self.rows.extend(read.members[i] for i in more)
            self.endInsertRows()
            QTimer.singleShot(0, self, lambda: self._fill(filling, then))  # not once gone
        elif then is not None:
            then()

    @property
    def filling(self) -> bool:
        """Rows are still coming in slices."""
        return len(self.rows) < len(self._read.order)

    def sort_rows(self, column: int, descending: bool) -> None:
        """Show the rows sorted by ``column``; selections and current rows stay on
        their members."""
        self.sorted_by = (column, descending)
        read = self._read
        if not read.members:
            return
        if self.filling:  # sorted while slices come in: all rows at once, in the new order
            self.set_prepared(read)
            return
        self.layoutAboutToBeChanged.emit()
        order = _ordered(read.members, read.texts, read.now, column, descending)
        shown_at = {position: row for row, position in enumerate(order)}
        old_rows = {position: row for row, position in enumerate(read.order)}
        self._read = Prepared(read.members, read.texts, read.now, order, self.sorted_by)
        self._texts = [read.texts[i] for i in order]
        self.rows = [read.members[i] for i in order]
        kept = self.persistentIndexList()
        position_of = {row: position for position, row in old_rows.items()}
        self.changePersistentIndexList(
            kept,
            [self.index(shown_at[position_of[i.row()]], i.column()) for i in kept],
        )
        self.layoutChanged.emit()

    def member(self, row: int) -> Member:
        return self.rows[row]

    def row_of(self, member_id: int) -> int:
        for row, member in enumerate(self.rows):
            if member.id == member_id:
                return row
        return -1

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == DISPLAY_ROLE:
            return self._texts[row][column]
        member = self.rows[row]
        if role == SORT_ROLE:
            return _sort_key(member, self._texts[row], column, self._now)
        if role == MEMBER_ROLE:
            return member
        if role == TOOLTIP_ROLE:
            if column in (SKILLS, GOALS):
                return self._texts[row][column]
            if column == NAME and member.email:
                return member.email
        if role == FOREGROUND_ROLE:
            if member.archived:
                return QColor(theme.MUTED)
            if column == STATUS and self._texts[row][STATUS] != _("Active"):
                return QColor(theme.WARNING)
        if role == FONT_ROLE and column == NAME:
            font = QFont()
            font.setBold(not member.archived)
            font.setItalic(member.archived)
            return font
        return None

    def widest_text(self, column: int, plain: QFontMetrics, bold: QFontMetrics) -> int:
        """The widest text of a column in pixels, fonts as ``data`` gives them. Cheaper
        than QTableView.resizeColumnsToContents, which asks every cell for every role."""
        distinct = {
            (texts[column], column == NAME and not m.archived)
            for m, texts in zip(self.rows, self._texts, strict=True)
        }
        return max(
            ((bold if is_bold else plain).horizontalAdvance(text) for text, is_bold in distinct),
            default=0,
        )


class MemberFilterProxy(QSortFilterProxyModel):
    """Text search over name, role, e-mail, timezone, skills and goals; hides archived."""

    def __init__(self) -> None:
        super().__init__()
        self._needle = ""
        self._show_archived = False
        # Sort keys are casefolded already (``_sort_key``); Qt's own sort is not used.
        self.setSortRole(SORT_ROLE)

    def sort(self, column: int, order: Any = 0) -> None:
        """The source model sorts its rows (``MemberTableModel.sort_rows``); this proxy
        keeps their order and only filters. ``order`` is Qt's SortOrder, read by value
        (1 is descending) so that the first frame needs no ``QtCore.Qt``."""
        model = self.sourceModel()
        if isinstance(model, MemberTableModel):
            model.sort_rows(column, bool(getattr(order, "value", order)))

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_needle", " ".join(text.split()).casefold()))

    def set_show_archived(self, show: bool) -> None:
        self._refilter(lambda: setattr(self, "_show_archived", show))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, MemberTableModel)
        member = model.member(source_row)
        if member.archived and not self._show_archived:
            return False
        if not self._needle:
            return True
        haystack = " ".join(
            [
                member.name,
                member.role,
                member.email or "",
                member.timezone,
                *member.skills,
                *member.goals,
            ]
        ).casefold()
        return all(word in haystack for word in self._needle.split())
